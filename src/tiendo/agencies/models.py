"""Agencies (cơ quan, đơn vị) and how they succeed one another across reorganisations."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone


class AgencyKind(models.TextChoices):
    NATION = "nation", "Cấp quốc gia"
    MINISTRY = "ministry", "Bộ, ngành Trung ương"
    PROVINCE = "province", "UBND tỉnh, thành phố"
    OFFICE = "office", "Văn phòng UBND"
    DEPARTMENT = "department", "Sở, ban, ngành"
    POLICE = "police", "Công an tỉnh"
    CENTRAL = "central", "Cơ quan Trung ương đóng trên địa bàn"
    DISTRICT = "district", "UBND huyện, thị xã, thành phố (trước 01/7/2025)"
    COMMUNE = "commune", "UBND xã, phường, đặc khu"
    COMMUNE_POLICE = "commune_police", "Công an xã, phường"
    WORKING_GROUP = "working_group", "Tổ công tác, Ban Chỉ đạo"
    ENTERPRISE = "enterprise", "Doanh nghiệp"


class Agency(models.Model):
    """A body that leads or coordinates Đề án 06 work: a department, a commune, the police…"""

    code = models.CharField("mã", max_length=32, unique=True)
    name = models.CharField("tên", max_length=255)
    short_name = models.CharField("tên viết tắt", max_length=64, blank=True)
    kind = models.CharField("loại", max_length=20, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="cơ quan cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path of ancestor ids ("/1/7/42/"): subtree scoping is one indexed prefix
    # match instead of a recursive query. Written only by the agency services.
    path = models.CharField("đường dẫn cây", max_length=255, editable=False, db_index=True)
    # When the body took its place in the tree (created or moved): a figure scoped by subtree
    # reads the paths, so remembered figures count this moment as a fact (status/memo.py).
    path_changed_at = models.DateTimeField(
        "thời điểm đổi vị trí trong cây", null=True, blank=True, editable=False, db_index=True
    )
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)

    class Meta:
        verbose_name = "cơ quan, đơn vị"
        verbose_name_plural = "cơ quan, đơn vị"
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError(
                {"valid_to": "Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực."}
            )

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    @property
    def label(self) -> str:
        return self.short_name or self.name


class SuccessionKind(models.TextChoices):
    MERGED = "merged", "Hợp nhất, sáp nhập vào"
    SPLIT = "split", "Chia tách, chuyển một phần sang"
    RENAMED = "renamed", "Đổi tên thành"


class AgencySuccession(models.Model):
    """A link saying that from a date the work of one agency passes to another.

    Bitemporal: effective_on is when it holds in the world, recorded_at and superseded_at when the
    system knew it. A link's facts are never rewritten; a new statement closes the links it
    replaces (superseded_at) and adds its own, so what was known at a moment can be read again.
    """

    predecessor = models.ForeignKey(
        Agency, verbose_name="cơ quan cũ", on_delete=models.PROTECT, related_name="successions"
    )
    successor = models.ForeignKey(
        Agency, verbose_name="cơ quan kế thừa", on_delete=models.PROTECT, related_name="+"
    )
    effective_on = models.DateField("ngày có hiệu lực")
    kind = models.CharField("hình thức", max_length=10, choices=SuccessionKind.choices)
    # When one body splits, its open items follow the primary successor unless reassigned.
    is_primary = models.BooleanField("kế thừa chính", default=True)
    note = models.CharField("căn cứ, ghi chú", max_length=255, blank=True)
    recorded_at = models.DateTimeField("thời điểm ghi nhận", default=timezone.now)
    # Null: the link as known now.
    superseded_at = models.DateTimeField("thời điểm thay thế", null=True, blank=True)

    class Meta:
        verbose_name = "kế thừa cơ quan"
        verbose_name_plural = "kế thừa cơ quan"
        # Only the links in force are unique; superseded ones stay beside them as history. The
        # two partial unique indexes also serve the reads of the links in force.
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"],
                condition=models.Q(superseded_at__isnull=True),
                name="agency_succession_unique_pair",
            ),
            models.UniqueConstraint(
                fields=["predecessor"],
                condition=models.Q(is_primary=True, superseded_at__isnull=True),
                name="agency_succession_one_primary",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.effective_on:%d/%m/%Y})"

    def clean(self) -> None:
        if self.predecessor_id is not None and self.predecessor_id == self.successor_id:
            raise ValidationError("Một cơ quan không thể kế thừa chính nó.")
