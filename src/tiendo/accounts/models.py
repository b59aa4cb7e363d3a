"""Who a user is in the programme: the agency they work for and their role there; their API
tokens."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from tiendo.agencies.models import Agency


class Role(models.TextChoices):
    REPORTER = "reporter", "Chuyên viên báo cáo"
    HEAD = "head", "Lãnh đạo đơn vị"
    STANDING = "standing", "Cơ quan thường trực (Công an tỉnh, Tổ công tác)"
    LEADER = "leader", "Lãnh đạo UBND (chỉ xem)"
    ADMIN = "admin", "Quản trị hệ thống"


class Membership(models.Model):
    """A user's place in the programme: one agency and one role, which decide what they may do."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="tài khoản",
        on_delete=models.CASCADE,
        related_name="membership",
    )
    agency = models.ForeignKey(
        Agency, verbose_name="cơ quan, đơn vị", on_delete=models.PROTECT, related_name="members"
    )
    role = models.CharField("vai trò", max_length=10, choices=Role.choices)
    position = models.CharField("chức vụ", max_length=200, blank=True)

    class Meta:
        verbose_name = "phân quyền người dùng"
        verbose_name_plural = "phân quyền người dùng"

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}, {self.agency}"


API_TOKEN_MAX_DAYS = 365
API_TOKEN_DAYS_MESSAGE = f"Thời hạn của mã truy cập từ 1 đến {API_TOKEN_MAX_DAYS} ngày."


class ApiTokenState(models.TextChoices):
    ACTIVE = "active", "Đang dùng được"
    EXPIRED = "expired", "Đã hết hạn"
    REVOKED = "revoked", "Đã thu hồi"


class ApiToken(models.Model):
    """A person's key to the REST API: only its SHA-256 digest is kept; it expires and can be
    revoked by its owner or an administrator."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="tài khoản",
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField("tên, mục đích", max_length=100)
    # The first characters of the token, shown so that its owner can tell tokens apart.
    prefix = models.CharField("tiền tố nhận biết", max_length=16, editable=False)
    digest = models.CharField("mã băm SHA-256", max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("tạo lúc", default=timezone.now, editable=False)
    expires_at = models.DateTimeField("hết hạn lúc")
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thu hồi",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    last_used_at = models.DateTimeField("dùng lần cuối", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="apitoken_expires_after_created",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.shown_prefix}…)"

    @property
    def shown_prefix(self) -> str:
        return f"td_{self.prefix}"

    def clean(self) -> None:
        validity = self.expires_at - self.created_at
        if not dt.timedelta(days=1) <= validity <= dt.timedelta(days=API_TOKEN_MAX_DAYS):
            raise ValidationError({"expires_at": API_TOKEN_DAYS_MESSAGE})

    def state_at(self, moment: dt.datetime) -> ApiTokenState:
        if self.revoked_at is not None:
            return ApiTokenState.REVOKED
        if self.expires_at <= moment:
            return ApiTokenState.EXPIRED
        return ApiTokenState.ACTIVE

    @property
    def state(self) -> ApiTokenState:
        return self.state_at(timezone.now())
