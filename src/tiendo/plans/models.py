"""What was decided: programmes, plans, their task groups, and the items agencies must deliver."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from tiendo.agencies.models import Agency


class Programme(models.Model):
    """A national programme that plans implement, e.g. Đề án 06 (Quyết định 06/QĐ-TTg)."""

    code = models.CharField("mã", max_length=32, unique=True)
    name = models.CharField("tên", max_length=500)
    decision = models.CharField("văn bản phê duyệt", max_length=100, blank=True)

    class Meta:
        verbose_name = "đề án, chương trình"
        verbose_name_plural = "đề án, chương trình"

    def __str__(self) -> str:
        return self.name


class Plan(models.Model):
    """A Kế hoạch issued by an authority (e.g. 762/KH-UBND) that assigns items to agencies."""

    programme = models.ForeignKey(
        Programme, verbose_name="đề án", on_delete=models.PROTECT, related_name="plans"
    )
    number = models.CharField("số, ký hiệu", max_length=50, help_text="Ví dụ: 762/KH-UBND")
    issued_on = models.DateField("ngày ban hành")
    issuing_agency = models.ForeignKey(
        Agency, verbose_name="cơ quan ban hành", on_delete=models.PROTECT, related_name="plans"
    )
    title = models.CharField("trích yếu", max_length=500)
    period_start = models.DateField("thực hiện từ", null=True, blank=True)
    period_end = models.DateField("thực hiện đến", null=True, blank=True)
    is_illustrative = models.BooleanField(
        "dữ liệu minh họa", default=False, help_text="Kế hoạch mẫu, không phải văn bản thật."
    )
    recorded_at = models.DateTimeField("thời điểm ghi nhận", default=timezone.now)

    class Meta:
        verbose_name = "kế hoạch"
        verbose_name_plural = "kế hoạch"
        ordering = ["issued_on", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuing_agency", "number"], name="plan_unique_number_per_issuer"
            )
        ]

    def __str__(self) -> str:
        return f"Kế hoạch số {self.number}"

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError(
                {"period_end": "Thời gian kết thúc không được trước thời gian bắt đầu."}
            )


class PlanRevision(models.Model):
    """A plan's issue date and programme as known from recorded_at until superseded_at (null:
    as known now). The plan's own columns hold the revision in force; a correction keeps the
    earlier one, so a plan issued after D as known at K stays out of the figures for (D, K)."""

    plan = models.ForeignKey(
        Plan, verbose_name="kế hoạch", on_delete=models.PROTECT, related_name="revisions"
    )
    programme = models.ForeignKey(
        Programme, verbose_name="chương trình", on_delete=models.PROTECT, related_name="+"
    )
    issued_on = models.DateField("ngày ban hành")
    recorded_at = models.DateTimeField("thời điểm ghi nhận", default=timezone.now)
    superseded_at = models.DateTimeField("thời điểm được thay thế", null=True, blank=True)

    class Meta:
        verbose_name = "lịch sử kế hoạch"
        verbose_name_plural = "lịch sử kế hoạch"
        ordering = ["plan", "recorded_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan"],
                condition=models.Q(superseded_at__isnull=True),
                name="plan_revision_one_in_force",
            ),
        ]
        indexes = [models.Index(fields=["issued_on", "recorded_at"])]

    def __str__(self) -> str:
        return f"{self.plan_id} từ {self.recorded_at:%d/%m/%Y %H:%M}"


class TaskGroup(models.Model):
    """A numbered group of items within one plan ("I. Nhóm nhiệm vụ về thể chế")."""

    plan = models.ForeignKey(
        Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="groups"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="thuộc nhóm",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subgroups",
        help_text="Nhóm lớn hơn chứa nhóm này (ví dụ phần A chứa nhóm I, nhóm I chứa mục 1).",
    )
    position = models.PositiveSmallIntegerField("thứ tự")
    code = models.CharField("số hiệu", max_length=10, help_text="Ví dụ: A, I, II, 1")
    name = models.CharField("tên nhóm", max_length=500)

    class Meta:
        verbose_name = "nhóm nhiệm vụ"
        verbose_name_plural = "nhóm nhiệm vụ"
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="group_unique_position")
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class ItemKind(models.TextChoices):
    TASK = "task", "Nhiệm vụ"
    MODEL = "model", "Mô hình điểm"


class BudgetSource(models.TextChoices):
    OWN = "own", "Đơn vị tự bố trí"
    PROVINCE = "province", "Ngân sách tỉnh"
    CENTRAL = "central", "Ngân sách Trung ương"
    SOCIALISED = "socialised", "Xã hội hóa"
    NONE = "none", "Không phát sinh kinh phí"
    STATE = "state", "Ngân sách nhà nước"
    OTHER = "other", "Nhiều nguồn, nguồn khác"


class Item(models.Model):
    """A task or pilot model: who leads it, what it must produce, by when."""

    plan = models.ForeignKey(
        Plan, verbose_name="kế hoạch", on_delete=models.PROTECT, related_name="items"
    )
    group = models.ForeignKey(
        TaskGroup,
        verbose_name="nhóm nhiệm vụ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="items",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="thuộc mô hình, nhiệm vụ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="Điểm triển khai của một mô hình (ví dụ tại từng xã).",
    )
    kind = models.CharField("loại", max_length=10, choices=ItemKind.choices)
    code = models.CharField("số thứ tự", max_length=20)
    title = models.CharField("nội dung", max_length=1000)
    description = models.TextField("mô tả, yêu cầu", blank=True)
    lead_agency = models.ForeignKey(
        Agency, verbose_name="cơ quan chủ trì", on_delete=models.PROTECT, related_name="led_items"
    )
    coordinating_agencies = models.ManyToManyField(
        Agency, verbose_name="cơ quan phối hợp", blank=True, related_name="coordinated_items"
    )
    focal_person = models.CharField("cán bộ đầu mối", max_length=200, blank=True)
    start_date = models.DateField("ngày bắt đầu", null=True, blank=True)
    deadline = models.DateField(
        "thời hạn hoàn thành (ban đầu)",
        null=True,
        blank=True,
        help_text="Để trống nếu thường xuyên.",
    )
    is_recurring = models.BooleanField("thường xuyên", default=False)
    product_type = models.CharField("sản phẩm", max_length=1000, blank=True)
    metric = models.CharField("chỉ tiêu", max_length=500, blank=True)
    unit = models.CharField("đơn vị tính", max_length=50, blank=True)
    baseline = models.DecimalField(
        "giá trị ban đầu",
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, "Giá trị ban đầu không được là số âm.")],
    )
    target = models.DecimalField(
        "chỉ tiêu cần đạt",
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, "Chỉ tiêu cần đạt không được là số âm.")],
    )
    budget_source = models.CharField(
        "nguồn kinh phí", max_length=12, choices=BudgetSource.choices, default=BudgetSource.OWN
    )
    budget_note = models.CharField(
        "nguồn kinh phí như ghi trong văn bản", max_length=300, blank=True
    )
    withdrawn_on = models.DateField(
        "rút khỏi kế hoạch từ ngày",
        null=True,
        blank=True,
        help_text="Nhiệm vụ được rút không còn được tính từ ngày này; lịch sử vẫn giữ nguyên.",
    )
    recorded_at = models.DateTimeField("thời điểm ghi nhận", default=timezone.now)

    class Meta:
        verbose_name = "nhiệm vụ, mô hình"
        verbose_name_plural = "nhiệm vụ, mô hình"
        ordering = ["plan", "group__position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="item_unique_code_in_plan"),
            models.CheckConstraint(
                condition=models.Q(is_recurring=True, deadline__isnull=True)
                | models.Q(is_recurring=False, deadline__isnull=False),
                name="item_deadline_xor_recurring",
                violation_error_message=(
                    "Nhiệm vụ phải có thời hạn hoàn thành, hoặc được đánh dấu là thường xuyên "
                    "(không có thời hạn), không thể cả hai."
                ),
            ),
        ]
        indexes = [models.Index(fields=["plan", "kind"]), models.Index(fields=["lead_agency"])]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.start_date and self.deadline and self.deadline < self.start_date:
            errors["deadline"] = (
                f"Thời hạn hoàn thành ({self.deadline:%d/%m/%Y}) không được trước ngày bắt đầu "
                f"({self.start_date:%d/%m/%Y})."
            )
        if self.group is not None and self.group.plan_id != self.plan_id:
            errors["group"] = "Nhóm nhiệm vụ thuộc một kế hoạch khác."
        if self.parent is not None and self.parent.plan_id != self.plan_id:
            errors["parent"] = "Mô hình, nhiệm vụ cấp trên thuộc một kế hoạch khác."
        if errors:
            raise ValidationError(errors)

    @property
    def has_quantified_product(self) -> bool:
        return bool(self.product_type) and self.target is not None and bool(self.unit)


class ItemRevision(models.Model):
    """What an item was, as known from recorded_at until superseded_at (null: as known now).

    The attributes the figures read. The item's own columns hold the same values as its revision
    in force; a correction closes that revision and opens another, so the figures for an earlier
    "known at" moment read what was known then. withdrawn_on is valid time: from that day the
    item no longer counts, before it the item counts as it did.
    """

    item = models.ForeignKey(
        Item, verbose_name="nhiệm vụ", on_delete=models.PROTECT, related_name="revisions"
    )
    kind = models.CharField("loại", max_length=10, choices=ItemKind.choices)
    group = models.ForeignKey(
        TaskGroup,
        verbose_name="nhóm nhiệm vụ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    parent = models.ForeignKey(
        Item,
        verbose_name="thuộc mô hình, nhiệm vụ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    lead_agency = models.ForeignKey(
        Agency, verbose_name="cơ quan chủ trì", on_delete=models.PROTECT, related_name="+"
    )
    coordinating = models.JSONField("cơ quan phối hợp (mã số)", default=list, blank=True)
    deadline = models.DateField("thời hạn hoàn thành (ban đầu)", null=True, blank=True)
    is_recurring = models.BooleanField("thường xuyên", default=False)
    target = models.DecimalField(
        "chỉ tiêu cần đạt", max_digits=16, decimal_places=2, null=True, blank=True
    )
    product_type = models.CharField("sản phẩm", max_length=1000, blank=True)
    metric = models.CharField("chỉ tiêu", max_length=500, blank=True)
    unit = models.CharField("đơn vị tính", max_length=50, blank=True)
    withdrawn_on = models.DateField("rút khỏi kế hoạch từ ngày", null=True, blank=True)
    recorded_at = models.DateTimeField("thời điểm ghi nhận", default=timezone.now)
    superseded_at = models.DateTimeField("thời điểm được thay thế", null=True, blank=True)

    class Meta:
        verbose_name = "lịch sử nhiệm vụ"
        verbose_name_plural = "lịch sử nhiệm vụ"
        ordering = ["item", "recorded_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["item"],
                condition=models.Q(superseded_at__isnull=True),
                name="item_revision_one_in_force",
            ),
        ]
        indexes = [
            models.Index(fields=["item", "recorded_at"]),
            # The last fact recorded by K (status/memo.py).
            models.Index(fields=["recorded_at"], name="item_revision_recorded_idx"),
            models.Index(fields=["superseded_at"], name="item_revision_superseded_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.item_id} từ {self.recorded_at:%d/%m/%Y %H:%M}"


class DeadlineChange(models.Model):
    """An extension (gia hạn) of an item's deadline, with its reason; the original stays."""

    item = models.ForeignKey(
        Item, verbose_name="nhiệm vụ", on_delete=models.PROTECT, related_name="deadline_changes"
    )
    new_deadline = models.DateField("thời hạn mới")
    reason = models.TextField("lý do")
    decided_on = models.DateField("ngày quyết định", help_text="Có hiệu lực từ ngày này.")
    decided_by = models.CharField("văn bản, người quyết định", max_length=200, blank=True)
    recorded_at = models.DateTimeField("thời điểm ghi nhận", default=timezone.now)

    class Meta:
        verbose_name = "gia hạn"
        verbose_name_plural = "gia hạn"
        ordering = ["item", "decided_on", "recorded_at"]
        indexes = [
            models.Index(fields=["item", "decided_on", "recorded_at"]),
            models.Index(fields=["recorded_at"], name="deadline_change_recorded_idx"),
        ]

    def __str__(self) -> str:
        return f"Gia hạn đến {self.new_deadline:%d/%m/%Y}"

    def clean(self) -> None:
        if not self.reason.strip():
            raise ValidationError({"reason": "Cần nêu rõ lý do gia hạn."})


class TargetChange(models.Model):
    """A change of an item's quantified target, with its reason; the original stays on the item."""

    item = models.ForeignKey(
        Item, verbose_name="nhiệm vụ", on_delete=models.PROTECT, related_name="target_changes"
    )
    new_target = models.DecimalField(
        "chỉ tiêu mới",
        max_digits=16,
        decimal_places=2,
        validators=[MinValueValidator(0, "Chỉ tiêu cần đạt không được là số âm.")],
    )
    reason = models.TextField("lý do")
    decided_on = models.DateField("ngày quyết định")
    recorded_at = models.DateTimeField("thời điểm ghi nhận", default=timezone.now)

    class Meta:
        verbose_name = "điều chỉnh chỉ tiêu"
        verbose_name_plural = "điều chỉnh chỉ tiêu"
        ordering = ["item", "decided_on", "recorded_at"]
        indexes = [models.Index(fields=["recorded_at"], name="target_change_recorded_idx")]

    def __str__(self) -> str:
        return f"Chỉ tiêu mới {self.new_target}"

    def clean(self) -> None:
        if not self.reason.strip():
            raise ValidationError({"reason": "Cần nêu rõ lý do điều chỉnh chỉ tiêu."})


class ExtensionDecision(models.TextChoices):
    APPROVED = "approved", "Đồng ý gia hạn"
    REFUSED = "refused", "Không đồng ý"


PENDING_EXTENSION_EXISTS = "Nhiệm vụ đã có một đề nghị gia hạn đang chờ xem xét."


class ExtensionRequest(models.Model):
    """An agency's request to extend an item's deadline, decided by the standing body."""

    item = models.ForeignKey(
        Item, verbose_name="nhiệm vụ", on_delete=models.PROTECT, related_name="extension_requests"
    )
    requested_deadline = models.DateField("đề nghị gia hạn đến")
    reason = models.TextField("lý do")
    requested_by = models.ForeignKey(
        "auth.User", verbose_name="người đề nghị", on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField("thời điểm đề nghị", default=timezone.now)
    decision = models.CharField(
        "quyết định", max_length=10, choices=ExtensionDecision.choices, blank=True
    )
    decision_note = models.TextField("ý kiến", blank=True)
    decided_by = models.ForeignKey(
        "auth.User",
        verbose_name="người quyết định",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField("thời điểm quyết định", null=True, blank=True)
    deadline_change = models.OneToOneField(
        DeadlineChange,
        verbose_name="lần gia hạn đã ghi",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="request",
    )

    class Meta:
        verbose_name = "đề nghị gia hạn"
        verbose_name_plural = "đề nghị gia hạn"
        ordering = ["-requested_at"]
        constraints = [
            # One request waits per item: concurrent requests cannot both pass a check in code.
            models.UniqueConstraint(
                fields=["item"],
                condition=models.Q(decision=""),
                name="extension_one_pending_per_item",
                violation_error_message=PENDING_EXTENSION_EXISTS,
            ),
        ]

    def __str__(self) -> str:
        return f"Đề nghị gia hạn {self.item.code} đến {self.requested_deadline:%d/%m/%Y}"

    def clean(self) -> None:
        if not self.reason.strip():
            raise ValidationError({"reason": "Cần nêu rõ lý do đề nghị gia hạn."})
