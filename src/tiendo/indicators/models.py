"""Indicators (KPIs) of Đề án 06 with targets per period and values per locality (DHIS2-like)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from tiendo.agencies.models import Agency


class Direction(models.TextChoices):
    UP = "up", "Càng cao càng tốt"
    DOWN = "down", "Càng thấp càng tốt"


class Indicator(models.Model):
    """A measured quantity with a unit and a direction, e.g. the online filing rate."""

    code = models.CharField("mã", max_length=30, unique=True)
    name = models.CharField("tên chỉ tiêu", max_length=300)
    unit = models.CharField("đơn vị tính", max_length=30)
    direction = models.CharField(
        "chiều tốt", max_length=4, choices=Direction.choices, default=Direction.UP
    )
    baseline = models.DecimalField(
        "giá trị ban đầu", max_digits=16, decimal_places=2, null=True, blank=True
    )
    is_rate = models.BooleanField(
        "là tỷ lệ", default=False, help_text="Tỷ lệ thì lấy trung bình, số lượng thì cộng dồn."
    )
    description = models.TextField("mô tả", blank=True)

    class Meta:
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class IndicatorTarget(models.Model):
    """The target of an indicator for a period (a month's end), for a province or a locality.

    Never edited in place, like the values: a new target closes the one in force
    (superseded_at), so a figure against its target as known at K stays what it was.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    agency = models.ForeignKey(
        Agency, verbose_name="địa bàn", on_delete=models.PROTECT, related_name="+"
    )
    period_end = models.DateField("kỳ (ngày cuối)")
    target = models.DecimalField("chỉ tiêu", max_digits=16, decimal_places=2)
    recorded_at = models.DateTimeField("ghi nhận lúc", default=timezone.now)
    superseded_at = models.DateTimeField("được thay thế lúc", null=True, blank=True)

    class Meta:
        verbose_name = "mục tiêu chỉ tiêu"
        verbose_name_plural = "mục tiêu chỉ tiêu"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "agency", "period_end"],
                condition=models.Q(superseded_at__isnull=True),
                name="target_once_in_force",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}/{self.agency_id} {self.period_end:%m/%Y}: {self.target}"

    def clean(self) -> None:
        if self.target is not None and self.target < 0:
            raise ValidationError({"target": "Chỉ tiêu không được là số âm."})


class IndicatorValue(models.Model):
    """The value of an indicator for a locality and period; above 100 % of target is valid.

    Never edited in place: a correction closes the row it replaces (superseded_at) and adds a
    new one, so a figure read as known at K is the row recorded by K and not yet superseded by
    K (indicators.services.value_record; the reads in indicators.selectors).
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    agency = models.ForeignKey(
        Agency, verbose_name="địa bàn", on_delete=models.PROTECT, related_name="+"
    )
    period_end = models.DateField("kỳ (ngày cuối)")
    value = models.DecimalField("giá trị", max_digits=16, decimal_places=2)
    recorded_at = models.DateTimeField("ghi nhận lúc", default=timezone.now)
    superseded_at = models.DateTimeField("được đính chính lúc", null=True, blank=True)

    class Meta:
        verbose_name = "số liệu chỉ tiêu"
        verbose_name_plural = "số liệu chỉ tiêu"
        constraints = [
            # One value in force per locality and period; the corrected ones stay, closed.
            models.UniqueConstraint(
                fields=["indicator", "agency", "period_end"],
                condition=models.Q(superseded_at__isnull=True),
                name="value_once_in_force",
            )
        ]
        indexes = [models.Index(fields=["indicator", "period_end"], name="value_period_idx")]

    def __str__(self) -> str:
        return f"{self.indicator_id}/{self.agency_id} {self.period_end:%m/%Y}: {self.value}"

    def clean(self) -> None:
        if self.value is not None and self.value < 0:
            raise ValidationError({"value": "Giá trị chỉ tiêu không được là số âm."})
