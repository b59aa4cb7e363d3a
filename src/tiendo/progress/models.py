"""What agencies report: periods, progress updates and their review, obstacles, recommendations
and evidence. Updates are appended and never overwritten; review decisions carry their time.
"""

from __future__ import annotations

import re
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from tiendo.agencies.models import Agency
from tiendo.lib.periods import PeriodKind as Kinds
from tiendo.plans.models import Item, Plan

# The field's validator and the report form's number field say the same ("%%": Django formats it).
PERCENT_OVER_100 = "Tỷ lệ hoàn thành không vượt quá 100%%."


class Lifecycle(models.TextChoices):
    NOT_STARTED = "not_started", "Chưa triển khai"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    AWAITING = "awaiting", "Chờ xác nhận"
    DONE = "done", "Hoàn thành"
    PAUSED = "paused", "Tạm dừng"
    RETURNED = "returned", "Trả lại, thực hiện lại"


# What an agency may report; "awaiting" and "returned" are derived from the review.
REPORTABLE_STATES = [
    (value, label)
    for value, label in Lifecycle.choices
    if value not in (Lifecycle.AWAITING, Lifecycle.RETURNED)
]


class PeriodKind(models.TextChoices):
    """The kinds of lib.periods, stored; names as lib.periods gives them."""

    MONTH = Kinds.MONTH.value, Kinds.MONTH.label
    QUARTER = Kinds.QUARTER.value, Kinds.QUARTER.label
    HALF = Kinds.HALF.value, Kinds.HALF.label
    NINE = Kinds.NINE.value, Kinds.NINE.label
    YEAR = Kinds.YEAR.value, Kinds.YEAR.label
    CUSTOM = Kinds.CUSTOM.value, Kinds.CUSTOM.label


class Holiday(models.Model):
    """A public holiday (ngày nghỉ lễ, Tết): not a working day when due dates are counted."""

    day = models.DateField(
        "ngày", unique=True, error_messages={"unique": "Ngày này đã có trong lịch nghỉ lễ."}
    )
    name = models.CharField("tên ngày lễ", max_length=200)

    class Meta:
        verbose_name = "ngày nghỉ lễ"
        verbose_name_plural = "ngày nghỉ lễ"
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.name}"


class ReportingPeriod(models.Model):
    """A reporting period of a plan: its data window, cut-off and due date (Nghị định 09)."""

    plan = models.ForeignKey(
        Plan, verbose_name="kế hoạch", on_delete=models.PROTECT, related_name="periods"
    )
    kind = models.CharField("loại kỳ", max_length=10, choices=PeriodKind.choices)
    label = models.CharField("tên kỳ", max_length=100)
    starts_on = models.DateField("số liệu từ ngày")
    cutoff = models.DateField("ngày chốt số liệu")
    due_on = models.DateField("hạn gửi báo cáo")
    closed_at = models.DateTimeField("đã đóng lúc", null=True, blank=True)

    class Meta:
        verbose_name = "kỳ báo cáo"
        verbose_name_plural = "kỳ báo cáo"
        ordering = ["plan", "cutoff", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind", "cutoff"], name="period_unique_kind_cutoff"
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.starts_on:%d/%m/%Y} – {self.cutoff:%d/%m/%Y})"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.starts_on and self.cutoff and self.cutoff < self.starts_on:
            errors["cutoff"] = "Ngày chốt số liệu không được trước ngày bắt đầu kỳ."
        if self.cutoff and self.due_on and self.due_on < self.cutoff:
            errors["due_on"] = "Hạn gửi báo cáo không được trước ngày chốt số liệu."
        if errors:
            raise ValidationError(errors)

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class Decision(models.TextChoices):
    CONFIRMED = "confirmed", "Xác nhận"
    RETURNED = "returned", "Trả lại"


class UpdateStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    SENT = "sent", "Đã gửi, chờ xác nhận"
    CONFIRMED = "confirmed", "Đã xác nhận"
    RETURNED = "returned", "Bị trả lại"


# The one-time token a new-report form carries (ProgressUpdate.form_token).
FORM_TOKEN = re.compile(r"[0-9a-f]{32}")


def new_form_token() -> str:
    return secrets.token_hex(16)


class ProgressUpdate(models.Model):
    """One report on an item as of a date. A draft until sent; then confirmed or returned.

    recorded_at is when the report was sent (it enters the record then); drafts have none.
    """

    item = models.ForeignKey(
        Item, verbose_name="nhiệm vụ", on_delete=models.PROTECT, related_name="updates"
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name="kỳ báo cáo",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="updates",
    )
    agency = models.ForeignKey(
        Agency, verbose_name="đơn vị báo cáo", on_delete=models.PROTECT, related_name="updates"
    )
    # A coordinating agency's report on its part: shown with the item, never sets its status.
    is_contribution = models.BooleanField("báo cáo phần phối hợp", default=False)
    valid_on = models.DateField("số liệu tính đến ngày")
    state = models.CharField("tình trạng", max_length=12, choices=Lifecycle.choices)
    percent = models.PositiveSmallIntegerField(
        "tỷ lệ hoàn thành (%)",
        null=True,
        blank=True,
        validators=[MaxValueValidator(100, PERCENT_OVER_100)],
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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người lập",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("thời điểm lập", default=timezone.now)
    # The reporter puts a finished draft before the head (trình lãnh đạo); it stays a draft.
    ready_at = models.DateTimeField("thời điểm trình lãnh đạo", null=True, blank=True)
    ready_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người trình",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField("thời điểm gửi", null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người gửi",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision = models.CharField(
        "kết quả xem xét", max_length=10, choices=Decision.choices, blank=True
    )
    reviewed_at = models.DateTimeField("thời điểm xem xét", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người xem xét",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    review_note = models.TextField("lý do trả lại, ý kiến", blank=True)
    supersedes = models.ForeignKey(
        "self",
        verbose_name="bổ sung, thay thế báo cáo",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revisions",
    )
    # Optimistic locking: a save names the version it started from.
    version = models.PositiveIntegerField("phiên bản", default=1, editable=False)
    # The token of the form that made this draft: the same form sent again (a double click, a
    # retry after a timeout) finds this draft instead of making a second one. Empty for
    # drafts made otherwise (API, revisions, the sample).
    form_token = models.CharField("mã biểu mẫu", max_length=32, blank=True, editable=False)

    class Meta:
        verbose_name = "báo cáo tiến độ"
        verbose_name_plural = "báo cáo tiến độ"
        ordering = ["item", "valid_on", "recorded_at", "id"]
        indexes = [
            # The as-of engine's lookup: latest lead report of an item valid by D, sent by K.
            # Covering (PostgreSQL) so both lookups per item read the index alone; SQLite builds
            # it without the included columns (models.W040 is silenced in settings for that).
            models.Index(
                fields=["item", "-valid_on", "-recorded_at", "-id"],
                name="update_asof_idx",
                include=["state", "completed_on", "decision", "reviewed_at", "percent"],
                condition=models.Q(is_contribution=False),
            ),
            models.Index(fields=["period", "agency"], name="update_period_agency_idx"),
            # The last fact recorded by K (status/memo.py): each read is the end of an index.
            models.Index(fields=["recorded_at"], name="update_recorded_idx"),
            models.Index(fields=["reviewed_at"], name="update_reviewed_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["form_token"],
                condition=~models.Q(form_token=""),
                name="update_form_token_unique",
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
        if self.state in (Lifecycle.AWAITING, Lifecycle.RETURNED):
            errors["state"] = "Tình trạng này do cơ quan thường trực xác định, không tự báo cáo."
        if errors:
            raise ValidationError(errors)

    @property
    def status(self) -> str:
        if self.recorded_at is None:
            return UpdateStatus.DRAFT
        return self.decision or UpdateStatus.SENT

    @property
    def status_label(self) -> str:
        return str(UpdateStatus(self.status).label)


class ObstacleCategory(models.TextChoices):
    INFRASTRUCTURE = "infrastructure", "Hạ tầng kỹ thuật"
    NO_GUIDANCE = "no_guidance", "Chưa có hướng dẫn của bộ, ngành TW"
    FUNDING = "funding", "Kinh phí"
    STAFF = "staff", "Nhân lực"
    LEGAL = "legal", "Thể chế, pháp lý"
    DATA = "data", "Dữ liệu"
    COORDINATION = "coordination", "Phối hợp"
    NOT_PROACTIVE = "not_proactive", "Đơn vị chưa chủ động"
    OTHER = "other", "Khác"


class Obstacle(models.Model):
    """A difficulty (khó khăn, vướng mắc) reported with an update, with its cause category."""

    update = models.ForeignKey(
        ProgressUpdate, verbose_name="báo cáo", on_delete=models.PROTECT, related_name="obstacles"
    )
    category = models.CharField("nhóm nguyên nhân", max_length=16, choices=ObstacleCategory.choices)
    description = models.TextField("nội dung")

    class Meta:
        verbose_name = "khó khăn, vướng mắc"
        verbose_name_plural = "khó khăn, vướng mắc"

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.description[:60]}"


class Recommendation(models.Model):
    """A recommendation (kiến nghị, đề xuất) addressed to a body: a ministry, UBND tỉnh, a sở."""

    update = models.ForeignKey(
        ProgressUpdate,
        verbose_name="báo cáo",
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    addressee = models.ForeignKey(
        Agency, verbose_name="kiến nghị tới", on_delete=models.PROTECT, related_name="+"
    )
    content = models.TextField("nội dung kiến nghị")

    class Meta:
        verbose_name = "kiến nghị, đề xuất"
        verbose_name_plural = "kiến nghị, đề xuất"

    def __str__(self) -> str:
        return f"Kiến nghị {self.addressee}: {self.content[:60]}"


class Evidence(models.Model):
    """A file proving a reported result (PDF, DOCX, XLSX, image), stored outside the web root."""

    update = models.ForeignKey(
        ProgressUpdate, verbose_name="báo cáo", on_delete=models.PROTECT, related_name="evidence"
    )
    file_name = models.CharField("tên tệp", max_length=200)
    storage_key = models.CharField("khóa lưu trữ", max_length=200, unique=True, editable=False)
    kind = models.CharField("loại tệp", max_length=10)
    content_type = models.CharField("kiểu nội dung (MIME)", max_length=100)
    size = models.PositiveBigIntegerField("dung lượng (byte)")
    sha256 = models.CharField("mã băm SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tải lên",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("thời điểm tải lên", default=timezone.now)
    # A revision's copy of a returned report's file; the returned report keeps its own row.
    carried_from = models.ForeignKey(
        "self",
        verbose_name="mang sang từ tài liệu",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="carried_to",
    )

    class Meta:
        verbose_name = "tài liệu minh chứng"
        verbose_name_plural = "tài liệu minh chứng"

    def __str__(self) -> str:
        return self.file_name
