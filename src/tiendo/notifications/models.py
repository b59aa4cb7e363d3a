"""Reminders: the standing body's rules, in-app notifications, and the e-mail outbox."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from tiendo.accounts.models import Role
from tiendo.agencies.models import Agency
from tiendo.plans.models import Item, Plan


def parse_days(text: str) -> list[int]:
    """'7, 3, 1' -> [7, 3, 1]; a clear message for anything else."""
    days = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.lstrip("-").isdigit():
            raise ValidationError(f"“{part}” không phải là một số ngày.")
        value = int(part)
        if value <= 0:
            raise ValidationError(f"Số ngày nhắc trước hạn phải lớn hơn 0 (đang là {value}).")
        days.append(value)
    return sorted(set(days), reverse=True)


class ReminderRule(models.Model):
    """How and when the application urges (đôn đốc) the agencies of one plan."""

    plan = models.OneToOneField(
        Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="reminder_rule"
    )
    days_before = models.CharField(
        "nhắc trước hạn (ngày)", max_length=50, default="7,3,1", help_text="Ví dụ: 7,3,1"
    )
    on_due_day = models.BooleanField("nhắc vào ngày đến hạn", default=True)
    overdue_every_days = models.PositiveSmallIntegerField(
        "nhắc lại khi quá hạn, mỗi (ngày)", default=7
    )
    escalate_after_days = models.PositiveSmallIntegerField(
        "báo cáo lãnh đạo khi quá hạn trên (ngày)", default=14
    )
    escalate_to = models.CharField(
        "báo cáo tới vai trò",
        max_length=100,
        default=f"{Role.HEAD},{Role.STANDING}",
        help_text="Các vai trò, cách nhau bởi dấu phẩy: head, standing, leader",
    )
    period_reminders = models.BooleanField("nhắc mở kỳ, sắp đến hạn và thiếu báo cáo", default=True)
    period_due_days_before = models.PositiveSmallIntegerField(
        "nhắc trước hạn gửi báo cáo (ngày)", default=1
    )
    coordinators_weekly = models.BooleanField(
        "gửi cơ quan phối hợp danh sách hằng tuần",
        default=False,
        help_text=(
            "Ngày làm việc đầu tuần, mỗi cơ quan phối hợp nhận danh sách các nhiệm vụ mình phối "
            "hợp sắp đến hạn (trong 7 ngày) hoặc đã quá hạn."
        ),
    )
    mandatory = models.BooleanField(
        "bắt buộc nhận",
        default=True,
        help_text="Người dùng không tắt được nhắc việc của kế hoạch này.",
    )

    class Meta:
        verbose_name = "quy tắc nhắc việc"
        verbose_name_plural = "quy tắc nhắc việc"

    def __str__(self) -> str:
        return f"Nhắc việc Kế hoạch số {self.plan.number}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        try:
            parse_days(self.days_before)
        except ValidationError as error:
            errors["days_before"] = " ".join(error.messages)
        unknown = [r for r in self.escalation_roles if r not in Role.values]
        if unknown:
            errors["escalate_to"] = (
                f"Vai trò không tồn tại: {', '.join(unknown)}. Dùng: {', '.join(Role.values)}."
            )
        if self.overdue_every_days == 0:
            errors["overdue_every_days"] = "Chu kỳ nhắc lại phải từ 1 ngày trở lên."
        if errors:
            raise ValidationError(errors)

    @property
    def before_days(self) -> list[int]:
        return parse_days(self.days_before)

    @property
    def escalation_roles(self) -> list[str]:
        return [r.strip() for r in self.escalate_to.split(",") if r.strip()]


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", "Gửi ngay"
    DAILY = "daily", "Tổng hợp hằng ngày"
    WEEKLY = "weekly", "Tổng hợp hằng tuần"
    OFF = "off", "Không gửi thư (chỉ xem trên hệ thống)"


class NotificationPreference(models.Model):
    """How one user wants reminders by e-mail (mandatory ones come at least daily)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    delivery = models.CharField(
        "nhận thư", max_length=10, choices=Delivery.choices, default=Delivery.DAILY
    )

    class Meta:
        verbose_name = "tùy chọn nhận thông báo"
        verbose_name_plural = "tùy chọn nhận thông báo"

    def __str__(self) -> str:
        return f"{self.user}: {self.get_delivery_display()}"


class Notification(models.Model):
    """One reminder or event for one person, shown in the notification centre."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhận",
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name="cơ quan, đơn vị",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    item = models.ForeignKey(
        Item,
        verbose_name="nhiệm vụ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField("loại", max_length=30)
    # Identifies the reminder (rule, object, day): the same one is never created twice.
    key = models.CharField("mã nhận diện", max_length=200)
    subject = models.CharField("tiêu đề", max_length=300)
    body = models.TextField("nội dung")
    link = models.CharField("đường dẫn", max_length=300, blank=True)
    mandatory = models.BooleanField("bắt buộc", default=False)
    created_at = models.DateTimeField("thời điểm tạo", default=timezone.now, db_index=True)
    read_at = models.DateTimeField("đã đọc lúc", null=True, blank=True)
    # The queued message that carries the notice, set in the same transaction that queues it:
    # "sent" is that message's sent_at. Empty while the notice waits for its message.
    email = models.ForeignKey(
        "OutgoingEmail",
        verbose_name="thư mang thông báo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notices",
    )
    # The work was done before any message carried the notice (delivery.settle): none is needed.
    mail_settled = models.BooleanField("không cần gửi thư nữa", default=False)

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once")
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]

    def __str__(self) -> str:
        return self.subject

    @property
    def mail_state(self) -> str:
        """Where the notice's e-mail stands, as officials read it."""
        if self.email is None:
            return "Không cần gửi thư" if self.mail_settled else "Chờ gửi thư"
        return self.email.state_label


class OutgoingEmail(models.Model):
    """An e-mail waiting to be sent, being sent, sent, failing (retried with back-off), or
    refused for good by the mail server (never retried)."""

    key = models.CharField("mã nhận diện", max_length=200, unique=True)
    to = models.EmailField("người nhận")
    subject = models.CharField("tiêu đề", max_length=300)
    body = models.TextField("nội dung")
    due_at = models.DateTimeField("gửi từ", default=timezone.now)
    claimed_by = models.CharField("tiến trình đang gửi", max_length=100, blank=True)
    claimed_at = models.DateTimeField("bắt đầu gửi lúc", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("số lần thử", default=0)
    last_error = models.TextField("lỗi gần nhất", blank=True)
    sent_at = models.DateTimeField("đã gửi lúc", null=True, blank=True)
    # A permanent (5xx) refusal: the message is not tried again.
    failed_at = models.DateTimeField("bị từ chối hẳn lúc", null=True, blank=True)
    failure_reason = models.CharField("lý do bị từ chối", max_length=500, blank=True)

    class Meta:
        verbose_name = "thư đi"
        verbose_name_plural = "thư đi"
        ordering = ["-due_at"]
        indexes = [models.Index(fields=["sent_at", "due_at"], name="outbox_due_idx")]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"

    @property
    def state_label(self) -> str:
        if self.sent_at:
            return f"Đã gửi lúc {timezone.localtime(self.sent_at):%H:%M %d/%m/%Y}"
        if self.failed_at:
            return f"Bị máy chủ thư từ chối ({self.failure_reason})"
        if self.attempts:
            return f"Đang thử gửi lại (đã thử {self.attempts} lần)"
        return "Chờ gửi"


class ScheduledRun(models.Model):
    """A claim on one piece of scheduled work (e.g. today's reminders) so it runs once."""

    name = models.CharField(max_length=100, unique=True)
    claimed_by = models.CharField(max_length=100)
    claimed_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "lượt chạy định kỳ"
        verbose_name_plural = "lượt chạy định kỳ"

    def __str__(self) -> str:
        return self.name
