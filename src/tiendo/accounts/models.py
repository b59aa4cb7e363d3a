"""Who a user is in the programme: the agency they work for and their role there."""

from __future__ import annotations

from django.conf import settings
from django.db import models

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
