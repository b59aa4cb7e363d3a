"""Figures frozen for a meeting ("Chốt số liệu"): the operations centre as it was shown."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from tiendo.agencies.models import Agency
from tiendo.plans.models import Plan

FROZEN_PAGES = [("tong-quan", "Tổng quan"), ("don-vi", "Đơn vị")]
FREEZE_IN_FUTURE = "Không chốt được số liệu theo dữ liệu ghi nhận đến một thời điểm chưa tới."
FREEZE_NEEDS_TITLE = "Chưa nhập tên cuộc họp (ví dụ Giao ban Đề án 06 quý I/2024)."


class Freeze(models.Model):
    """The figures of a meeting, frozen: the IOC page, its filters, cut-off D and moment K, so a
    permanent link shows exactly what the meeting saw. Never edited nor deleted."""

    title = models.CharField(
        "tên cuộc họp", max_length=200, error_messages={"blank": FREEZE_NEEDS_TITLE}
    )
    page = models.CharField("trang", max_length=20, choices=FROZEN_PAGES, default="tong-quan")
    cutoff = models.DateField("số liệu tính đến ngày")
    known_at = models.DateTimeField("theo dữ liệu ghi nhận đến")
    # The page's other filters as in its URL ("ke_hoach=3&don_vi=40.SYT"), D and K aside.
    filters = models.CharField("bộ lọc", max_length=500, blank=True)
    plans = models.ManyToManyField(Plan, verbose_name="kế hoạch", related_name="freezes")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người chốt",
        on_delete=models.PROTECT,
        related_name="freezes",
    )
    # The body the person froze it for, as it was then (a person may move on later).
    agency = models.ForeignKey(
        Agency,
        verbose_name="cơ quan chốt",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("chốt lúc", default=timezone.now)

    class Meta:
        verbose_name = "số liệu đã chốt"
        verbose_name_plural = "số liệu đã chốt"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.known_at and self.created_at and self.known_at > self.created_at:
            raise ValidationError({"known_at": FREEZE_IN_FUTURE})
