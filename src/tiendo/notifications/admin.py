from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from tiendo.accounts.access import actor_for, may_manage_periods
from tiendo.accounts.models import Role
from tiendo.lib.admin import ServiceWriteAdmin, adopt
from tiendo.notifications.models import Notification, OutgoingEmail, ReminderRule
from tiendo.notifications.selectors import kind_label
from tiendo.notifications.services import RULE_FIELDS, reminder_rule_set
from tiendo.progress.admin import PlanChoices


class ReminderRuleForm(forms.ModelForm[ReminderRule]):
    """Escalation roles are stored as role codes separated by commas; here they are ticked."""

    escalate_to = forms.MultipleChoiceField(
        label="Báo cáo tới vai trò",
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = ReminderRule
        fields = ["plan", *RULE_FIELDS]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial["escalate_to"] = self.instance.escalation_roles

    def clean_escalate_to(self) -> str:
        return ",".join(self.cleaned_data["escalate_to"])


@admin.register(ReminderRule)
class ReminderRuleAdmin(PlanChoices, ServiceWriteAdmin[ReminderRule]):
    """Saved through reminder_rule_set, by whoever may manage the plan's reporting periods; a
    rule is changed, never deleted (a plan without one is urged by the defaults)."""

    form = ReminderRuleForm
    list_display = ["plan", "days_before", "overdue_every_days", "escalate_after_days", "mandatory"]

    def get_readonly_fields(
        self, request: HttpRequest, obj: ReminderRule | None = None
    ) -> list[str]:
        return ["plan"] if obj else []

    def save_model(
        self,
        request: HttpRequest,
        obj: ReminderRule,
        form: forms.ModelForm[ReminderRule],
        change: bool,
    ) -> None:
        data = form.cleaned_data
        plan = obj.plan if change else data["plan"]
        values = {name: data[name] for name in RULE_FIELDS if name in data}
        adopt(obj, reminder_rule_set(actor=actor_for(request), plan=plan, **values))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and may_manage_periods(actor_for(request))

    def has_change_permission(self, request: HttpRequest, obj: ReminderRule | None = None) -> bool:
        return super().has_change_permission(request, obj) and may_manage_periods(
            actor_for(request), obj.plan if obj else None
        )

    def has_delete_permission(self, request: HttpRequest, obj: ReminderRule | None = None) -> bool:
        return False


class StateFilter(admin.SimpleListFilter):
    """Where each message stands; refused ones need someone to correct the address."""

    title = "tình trạng"
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [
            ("waiting", "Chờ gửi"),
            ("retrying", "Đang thử gửi lại"),
            ("refused", "Bị máy chủ thư từ chối hẳn"),
            ("sent", "Đã gửi"),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        unsent = queryset.filter(sent_at__isnull=True, failed_at__isnull=True)
        match self.value():
            case "waiting":
                return unsent.filter(attempts=0)
            case "retrying":
                return unsent.filter(attempts__gt=0)
            case "refused":
                return queryset.filter(failed_at__isnull=False)
            case "sent":
                return queryset.filter(sent_at__isnull=False)
        return queryset


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin[OutgoingEmail]):
    """The outbox: failing deliveries stay here with their error until a retry succeeds;
    messages the mail server refused for good stay here with its reply."""

    list_display = ["to", "subject", "due_at", "attempts", "state", "last_error"]
    list_filter = [StateFilter, "sent_at", "failed_at"]
    search_fields = ["to", "subject", "last_error", "failure_reason"]

    @admin.display(description="tình trạng")
    def state(self, email: OutgoingEmail) -> str:
        return email.state_label

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: OutgoingEmail | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: OutgoingEmail | None = None) -> bool:
        return False  # what was sent, or refused and why, stays on record


class KindFilter(admin.SimpleListFilter):
    title = "loại"
    parameter_name = "kind"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        codes = Notification.objects.order_by().values_list("kind", flat=True).distinct()
        return sorted(((code, kind_label(code)) for code in codes), key=lambda c: c[1])

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(kind=self.value()) if self.value() else queryset


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin[Notification]):
    list_display = ["recipient", "kind_name", "subject", "created_at", "read_at", "mail_state"]
    list_filter = [KindFilter]
    list_select_related = ["recipient", "email"]
    fields = [
        "recipient",
        "agency",
        "item",
        "kind_name",
        "key",
        "subject",
        "body",
        "link",
        "mandatory",
        "created_at",
        "read_at",
        "email",
        "mail_state",
        "mail_settled",
    ]
    readonly_fields = ["kind_name", "mail_state"]

    @admin.display(description="thư điện tử")
    def mail_state(self, note: Notification) -> str:
        return note.mail_state

    @admin.display(description="loại", ordering="kind")
    def kind_name(self, note: Notification) -> str:
        return kind_label(note.kind)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Notification | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Notification | None = None) -> bool:
        return False  # no service removes a notice; it is read or settled, and stays
