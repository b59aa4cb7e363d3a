from typing import Any

from django.contrib import admin
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest

from tiendo.accounts.access import actor_for, may_review_reports
from tiendo.lib.admin import ServiceWriteAdmin, adopt, formset_saved
from tiendo.plans.models import (
    DeadlineChange,
    ExtensionRequest,
    Item,
    Plan,
    Programme,
    TargetChange,
    TaskGroup,
)
from tiendo.plans.services import (
    group_upsert,
    item_change_target,
    item_extend_deadline,
    item_upsert,
    plan_upsert,
    programme_upsert,
)

# Every write below goes through plans.services. The upserts find their row by a key (a
# programme's code, a plan's issuer and number, a group's plan and position, an item's plan and
# code), so once a row exists its key is shown, not edited: a changed key would make a new row.
# Nothing is deleted here: rows are referenced by the reports and history.


@admin.register(Programme)
class ProgrammeAdmin(ServiceWriteAdmin[Programme]):
    list_display = ["code", "name", "decision"]

    def get_readonly_fields(self, request: HttpRequest, obj: Programme | None = None) -> list[str]:
        return ["code"] if obj else []

    def save_model(
        self, request: HttpRequest, obj: Programme, form: ModelForm[Programme], change: bool
    ) -> None:
        adopt(
            obj,
            programme_upsert(
                code=obj.code, name=obj.name, decision=obj.decision, actor=actor_for(request)
            ),
        )

    def has_delete_permission(self, request: HttpRequest, obj: Programme | None = None) -> bool:
        return False


class TaskGroupInline(admin.TabularInline[TaskGroup, Plan]):
    """New groups are added through group_upsert; an existing one is edited on its own page."""

    model = TaskGroup
    extra = 0
    fields = ["position", "code", "name", "parent"]
    readonly_fields = ["parent"]

    def has_change_permission(self, request: HttpRequest, obj: Plan | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Plan | None = None) -> bool:
        return False


@admin.register(Plan)
class PlanAdmin(ServiceWriteAdmin[Plan]):
    list_display = ["number", "title", "issued_on", "issuing_agency", "is_illustrative"]
    search_fields = ["number", "title"]
    autocomplete_fields = ["issuing_agency"]
    inlines = [TaskGroupInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Plan | None = None) -> list[str]:
        key = ["issuing_agency", "number"] if obj else []
        return [*key, "recorded_at"]

    def save_model(
        self, request: HttpRequest, obj: Plan, form: ModelForm[Plan], change: bool
    ) -> None:
        saved = plan_upsert(
            programme=obj.programme,
            number=obj.number,
            issued_on=obj.issued_on,
            issuing_agency=obj.issuing_agency,
            title=obj.title,
            period_start=obj.period_start,
            period_end=obj.period_end,
            is_illustrative=obj.is_illustrative,
            actor=actor_for(request),
        )
        adopt(obj, saved)

    def save_formset(
        self,
        request: HttpRequest,
        form: ModelForm[Plan],
        formset: BaseInlineFormSet[Any, Plan, Any],
        change: bool,
    ) -> None:
        groups = [
            group_upsert(
                plan=formset.instance,
                position=row.cleaned_data["position"],
                code=row.cleaned_data["code"],
                name=row.cleaned_data["name"],
                actor=actor_for(request),
            )
            for row in formset.extra_forms
            if row.has_changed()
        ]
        formset_saved(formset, new=groups)

    def has_delete_permission(self, request: HttpRequest, obj: Plan | None = None) -> bool:
        return False


@admin.register(TaskGroup)
class TaskGroupAdmin(ServiceWriteAdmin[TaskGroup]):
    list_display = ["plan", "code", "name"]
    list_filter = ["plan"]
    search_fields = ["name"]

    def get_readonly_fields(self, request: HttpRequest, obj: TaskGroup | None = None) -> list[str]:
        # group_upsert does not place a group inside another: the import does.
        key = ["plan", "position"] if obj else []
        return [*key, "parent"]

    def save_model(
        self, request: HttpRequest, obj: TaskGroup, form: ModelForm[TaskGroup], change: bool
    ) -> None:
        group = group_upsert(
            plan=obj.plan,
            position=obj.position,
            code=obj.code,
            name=obj.name,
            actor=actor_for(request),
        )
        adopt(obj, group)

    def has_delete_permission(self, request: HttpRequest, obj: TaskGroup | None = None) -> bool:
        return False


class DeadlineChangeInline(admin.TabularInline[DeadlineChange, Item]):
    """Extensions are appended with their reason through item_extend_deadline; one on record is
    never edited or deleted (a figure published for a cut-off must stay what it was)."""

    model = DeadlineChange
    extra = 0
    fields = ["new_deadline", "reason", "decided_on", "decided_by", "recorded_at"]
    readonly_fields = ["recorded_at"]

    def has_add_permission(self, request: HttpRequest, obj: Item | None = None) -> bool:
        # An item on record with a deadline; a recurring task has none to extend.
        return obj is not None and not obj.is_recurring and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Item | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Item | None = None) -> bool:
        return False


@admin.register(Item)
class ItemAdmin(ServiceWriteAdmin[Item]):
    list_display = ["code", "title", "kind", "plan", "group", "lead_agency", "deadline"]
    list_filter = ["plan", "kind", "is_recurring"]
    search_fields = ["code", "title", "lead_agency__name"]
    autocomplete_fields = ["lead_agency", "coordinating_agencies", "group", "parent"]
    inlines = [DeadlineChangeInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Item | None = None) -> list[str]:
        # Once assigned, deadline and target change only by gia hạn / điều chỉnh with a reason.
        # The budget as written in the document comes with the import; item_upsert leaves it.
        fixed = ["plan", "code", "deadline", "is_recurring", "target", "baseline"] if obj else []
        return ["recorded_at", "budget_note", *fixed]

    def save_model(
        self, request: HttpRequest, obj: Item, form: ModelForm[Item], change: bool
    ) -> None:
        saved = item_upsert(
            plan=obj.plan,
            kind=obj.kind,
            code=obj.code,
            title=obj.title,
            lead_agency=obj.lead_agency,
            group=obj.group,
            parent=obj.parent,
            coordinating_agencies=form.cleaned_data["coordinating_agencies"],
            description=obj.description,
            focal_person=obj.focal_person,
            start_date=obj.start_date,
            deadline=obj.deadline,
            is_recurring=obj.is_recurring,
            product_type=obj.product_type,
            metric=obj.metric,
            unit=obj.unit,
            baseline=obj.baseline,
            target=obj.target,
            budget_source=obj.budget_source,
            withdrawn_on=obj.withdrawn_on,
            actor=actor_for(request),
        )
        adopt(obj, saved)

    def save_related(
        self, request: HttpRequest, form: ModelForm[Item], formsets: Any, change: bool
    ) -> None:
        # item_upsert has set the coordinating agencies: the form's own many-to-many save is
        # skipped; the extensions go through save_formset.
        for formset in formsets:
            self.save_formset(request, form, formset, change)

    def save_formset(
        self,
        request: HttpRequest,
        form: ModelForm[Item],
        formset: BaseInlineFormSet[Any, Item, Any],
        change: bool,
    ) -> None:
        extensions = [
            item_extend_deadline(
                item=formset.instance,
                new_deadline=row.cleaned_data["new_deadline"],
                reason=row.cleaned_data["reason"],
                decided_on=row.cleaned_data["decided_on"],
                decided_by=row.cleaned_data["decided_by"],
                actor=actor_for(request),
            )
            for row in formset.extra_forms
            if row.has_changed()
        ]
        formset_saved(formset, new=extensions)

    def has_delete_permission(self, request: HttpRequest, obj: Item | None = None) -> bool:
        return False


@admin.register(ExtensionRequest)
class ExtensionRequestAdmin(admin.ModelAdmin[ExtensionRequest]):
    """Requests are made and decided on the item pages; here they are only read."""

    list_display = ["item", "requested_deadline", "requested_by", "decision", "decided_at"]
    list_filter = ["decision"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: ExtensionRequest | None = None
    ) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: ExtensionRequest | None = None
    ) -> bool:
        return False


@admin.register(TargetChange)
class TargetChangeAdmin(ServiceWriteAdmin[TargetChange]):
    """A target is changed with its reason through item_change_target, by whoever access.py lets
    decide it; a change on record is never edited or deleted."""

    list_display = ["item", "new_target", "decided_on", "reason"]
    fields = ["item", "new_target", "reason", "decided_on", "recorded_at"]
    readonly_fields = ["recorded_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and may_review_reports(actor_for(request))

    def save_model(
        self, request: HttpRequest, obj: TargetChange, form: ModelForm[TargetChange], change: bool
    ) -> None:
        saved = item_change_target(
            actor=actor_for(request),
            item=obj.item,
            new_target=obj.new_target,
            reason=obj.reason,
            decided_on=obj.decided_on,
        )
        adopt(obj, saved)

    def has_change_permission(self, request: HttpRequest, obj: TargetChange | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: TargetChange | None = None) -> bool:
        return False
