"""The audit trail: who changed what, when, from where, before and after. Append-only."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from tiendo.plans.models import Item


class AuditEvent(models.Model):
    """One write to the record: never edited, never deleted."""

    at = models.DateTimeField("thời điểm", default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    ip = models.CharField("địa chỉ IP", max_length=45, blank=True)
    action = models.CharField("thao tác", max_length=50)
    summary = models.CharField("nội dung", max_length=300)
    object_type = models.CharField("đối tượng", max_length=50)
    object_id = models.CharField("mã đối tượng", max_length=40)
    item = models.ForeignKey(
        Item,
        verbose_name="nhiệm vụ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_events",
    )
    before = models.JSONField("trước", null=True, blank=True)
    after = models.JSONField("sau", null=True, blank=True)

    class Meta:
        verbose_name = "nhật ký thay đổi"
        verbose_name_plural = "nhật ký thay đổi"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["item", "-at"], name="audit_item_at_idx")]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.at):%d/%m/%Y %H:%M} {self.summary}"
