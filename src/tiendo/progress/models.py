"""What agencies report: progress updates, each valid for a date and recorded at a time."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from tiendo.plans.models import Item


class Lifecycle(models.TextChoices):
    NOT_STARTED = "not_started", "Chưa triển khai"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    AWAITING = "awaiting", "Chờ xác nhận"
    DONE = "done", "Hoàn thành"
    PAUSED = "paused", "Tạm dừng"
    RETURNED = "returned", "Trả lại, thực hiện lại"


class ProgressUpdate(models.Model):
    """One report on an item as of a date; appended, never overwritten (history is the record)."""

    item = models.ForeignKey(
        Item, verbose_name="nhiệm vụ", on_delete=models.PROTECT, related_name="updates"
    )
    valid_on = models.DateField("số liệu tính đến ngày")
    recorded_at = models.DateTimeField("thời điểm ghi nhận", default=timezone.now)
    state = models.CharField("tình trạng", max_length=12, choices=Lifecycle.choices)
    percent = models.PositiveSmallIntegerField(
        "tỷ lệ hoàn thành (%)",
        null=True,
        blank=True,
        validators=[MaxValueValidator(100, "Tỷ lệ hoàn thành không vượt quá 100%%.")],
    )
    achieved = models.DecimalField(
        "kết quả đạt được",
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, "Kết quả đạt được không được là số âm.")],
    )
    completed_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    narrative = models.TextField("kết quả thực hiện", blank=True)
    obstacles = models.TextField("khó khăn, vướng mắc", blank=True)
    recommendations = models.TextField("đề xuất, kiến nghị", blank=True)

    class Meta:
        verbose_name = "báo cáo tiến độ"
        verbose_name_plural = "báo cáo tiến độ"
        ordering = ["item", "valid_on", "recorded_at", "id"]
        indexes = [
            # The as-of engine's lookup: latest update of an item valid by D, recorded by K.
            models.Index(
                fields=["item", "-valid_on", "-recorded_at", "-id"], name="update_asof_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item.code} – {self.get_state_display()} ({self.valid_on:%d/%m/%Y})"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.state == Lifecycle.DONE:
            if self.completed_on is None:
                errors["completed_on"] = "Cần ghi ngày hoàn thành khi báo cáo đã hoàn thành."
            elif self.valid_on and self.completed_on > self.valid_on:
                errors["completed_on"] = (
                    "Ngày hoàn thành không được sau ngày chốt số liệu của báo cáo."
                )
        elif self.completed_on is not None:
            errors["completed_on"] = "Chỉ ghi ngày hoàn thành khi tình trạng là hoàn thành."
        if errors:
            raise ValidationError(errors)
