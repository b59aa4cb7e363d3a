from typing import Any

from axes.admin import AccessAttemptAdmin as AxesAccessAttemptAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.contrib.auth.models import Group, Permission, User
from django.core.exceptions import ValidationError
from django.db.models import ManyToManyField, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext

from tiendo.accounts.access import actor_for, get_api_token_for_user
from tiendo.accounts.models import ApiToken, ApiTokenState, Membership
from tiendo.accounts.services import membership_set
from tiendo.accounts.tokens import api_token_revoke


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ["user", "agency", "role", "position"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__last_name", "agency__name"]
    autocomplete_fields = ["agency"]

    def get_readonly_fields(self, request: HttpRequest, obj: Membership | None = None) -> list[str]:
        # membership_set finds the membership by its user: another user would be another row.
        return ["user"] if obj else []

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        saved = membership_set(
            user=obj.user,
            agency=obj.agency,
            role=obj.role,
            position=obj.position,
            actor=actor_for(request),
        )
        obj.pk = saved.pk

    def has_delete_permission(self, request: HttpRequest, obj: Membership | None = None) -> bool:
        # No service removes a membership (and its audit event): a person leaving is set
        # inactive on their account instead.
        return False


class ApiTokenStateFilter(admin.SimpleListFilter):
    title = "tình trạng"
    parameter_name = "tinh_trang"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(state.value, state.label) for state in ApiTokenState]

    def queryset(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> QuerySet[ApiToken]:
        now = timezone.now()
        if self.value() == ApiTokenState.ACTIVE:
            return queryset.filter(revoked_at__isnull=True, expires_at__gt=now)
        if self.value() == ApiTokenState.EXPIRED:
            return queryset.filter(revoked_at__isnull=True, expires_at__lte=now)
        if self.value() == ApiTokenState.REVOKED:
            return queryset.filter(revoked_at__isnull=False)
        return queryset


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    """Tokens are made by their owner (the page "Mã truy cập API" or `tiendo api_token`), whose
    screen alone shows the secret, once; here they are read and revoked, never edited."""

    list_display = [
        "name",
        "user",
        "recognised_by",
        "created_at",
        "expires_at",
        "last_used_at",
        "state_label",
    ]
    list_filter = [ApiTokenStateFilter]
    search_fields = ["name", "prefix", "user__username", "user__last_name"]
    list_select_related = ["user"]
    readonly_fields = (
        "user",
        "name",
        "recognised_by",
        "created_at",
        "expires_at",
        "last_used_at",
        "state_label",
        "revoked_at",
        "revoked_by",
    )
    fields = readonly_fields
    actions = ["revoke"]

    @admin.display(description="tiền tố nhận biết")
    def recognised_by(self, obj: ApiToken) -> str:
        return f"{obj.shown_prefix}…"

    @admin.display(description="tình trạng")
    def state_label(self, obj: ApiToken) -> str:
        return obj.state.label

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False  # revoked, not deleted: the row stays for the record

    @admin.action(description="Thu hồi các mã truy cập đã chọn")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        # Whoever may open this list may revoke; get_api_token_for_user decides per token
        # (a person their own, the administrator anybody's).
        actor = actor_for(request)
        revoked = 0
        for token in queryset.filter(revoked_at__isnull=True):
            try:
                api_token_revoke(actor=actor, token=get_api_token_for_user(actor, token.pk))
            except (Http404, ValidationError):
                continue
            revoked += 1
        self.message_user(request, f"Đã thu hồi {revoked} mã truy cập.")


# --- permission names ---------------------------------------------------------------------------
#
# Django writes the default permissions' names into auth_permission once, in English, when a
# model's table is made ("Can change nhiệm vụ, mô hình"), and never updates them. Rewriting the
# rows by a data migration would only fix today's models: every new model, and every app added
# later, would bring English rows again. So the rows stay as Django keeps them, and the admin
# names each permission from its codename and the model's (translated) verbose name instead.

PERMISSION_VERBS = {"add": "Thêm", "change": "Sửa", "delete": "Xóa", "view": "Xem"}


def permission_label(permission: Permission) -> str:
    """'Kế hoạch, nhiệm vụ | Sửa nhiệm vụ, mô hình' for the codename change_item."""
    content_type = permission.content_type
    model = content_type.model_class()
    action, _, model_name = permission.codename.partition("_")
    if model is None:  # a model that no longer exists: keep what Django stored
        return f"{content_type} | {permission.name}"
    opts = model._meta
    app = opts.app_config.verbose_name
    if action in PERMISSION_VERBS and model_name == opts.model_name:
        return f"{app} | {PERMISSION_VERBS[action]} {opts.verbose_name}"
    # A permission an app declares itself: its name may be translated in the project's locale.
    return f"{app} | {gettext(permission.name)}"


class PermissionChoiceField(forms.ModelMultipleChoiceField[Permission]):
    def label_from_instance(self, obj: Permission) -> str:
        return permission_label(obj)


def permission_field(db_field: ManyToManyField[Any, Any], kwargs: dict[str, Any]) -> dict[str, Any]:
    """The form field options for a permissions list, named in Vietnamese."""
    if db_field.related_model is not Permission:
        return kwargs
    return {
        **kwargs,
        "form_class": PermissionChoiceField,
        "queryset": Permission.objects.select_related("content_type"),
    }


# Deleting a user or a group lists the rows of Django's hidden link tables, which Django names
# "group-permission relationship" and "Group_permissions object (2)"; they get readable names.
_LINK_TABLES: list[tuple[Any, str, Any]] = [
    (
        Group.permissions.through,
        "quyền của nhóm",
        lambda row: f"{row.group}: {permission_label(row.permission)}",
    ),
    (User.groups.through, "nhóm quyền của người dùng", lambda row: f"{row.user}: {row.group}"),
    (
        User.user_permissions.through,
        "quyền riêng của người dùng",
        lambda row: f"{row.user}: {permission_label(row.permission)}",
    ),
]
for _through, _name, _describe in _LINK_TABLES:
    _through._meta.verbose_name = _through._meta.verbose_name_plural = _name
    _through.__str__ = _describe


class PasswordChangeForm(AdminPasswordChangeForm):  # type: ignore[type-arg]
    # Django appends this warning in English, outside its translation catalog. Kept lazy, so it
    # follows the active language like the sentence before it.
    usable_password_help_text = format_lazy(  # type: ignore[assignment]
        "{}{}",
        SetUnusablePasswordMixin.usable_password_help_text,
        '<ul id="id_unusable_warning" class="messagelist"><li class="warning">'
        "Nếu tắt, mật khẩu hiện tại của người dùng này sẽ mất.</li></ul>",
    )


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class VietnameseUserAdmin(UserAdmin[User]):
    change_password_form = PasswordChangeForm

    def formfield_for_manytomany(
        self, db_field: ManyToManyField[Any, Any], request: HttpRequest | None = None, **kwargs: Any
    ) -> forms.ModelMultipleChoiceField[Any] | None:
        return super().formfield_for_manytomany(
            db_field,
            request,  # type: ignore[arg-type]
            **permission_field(db_field, kwargs),
        )


@admin.register(Group)
class VietnameseGroupAdmin(GroupAdmin):
    def formfield_for_manytomany(
        self, db_field: ManyToManyField[Any, Any], request: HttpRequest | None = None, **kwargs: Any
    ) -> forms.ModelMultipleChoiceField[Any] | None:
        return super().formfield_for_manytomany(
            db_field, request, **permission_field(db_field, kwargs)
        )


# --- django-axes (login lockout) ----------------------------------------------------------------
#
# Its field and model names are translated in the project's locale; three things are not
# translatable there, so they are set here, where the admin shows them:
# - the app's name, which axes leaves as its label "Axes" (the documented alternative, an
#   AppConfig subclass in INSTALLED_APPS, belongs to settings.py);
# - the rows' names (titles, breadcrumbs, delete lists, the list's screen-reader labels), which
#   axes writes as English f-strings in __str__;
# - the "status" and "expiration" columns, which have no description.

apps.get_app_config("axes").verbose_name = "Bảo vệ đăng nhập"


def _when(moment: Any) -> str:
    return f"{timezone.localtime(moment):%H:%M %d/%m/%Y}" if moment else "–"


def _attempt_name(self: AccessAttempt) -> str:
    return f"Đăng nhập sai: {self.username} lúc {_when(self.attempt_time)}"


def _log_name(self: AccessLog) -> str:
    return f"Đăng nhập: {self.username} lúc {_when(self.attempt_time)}"


def _failure_name(self: AccessFailureLog) -> str:
    locked = " (đã khóa)" if self.locked_out else ""
    return f"Đăng nhập sai: {self.username}{locked} lúc {_when(self.attempt_time)}"


AccessAttempt.__str__ = _attempt_name
AccessLog.__str__ = _log_name
AccessFailureLog.__str__ = _failure_name


if admin.site.is_registered(AccessAttempt):
    admin.site.unregister(AccessAttempt)

    @admin.register(AccessAttempt)
    class AccessAttemptAdmin(AxesAccessAttemptAdmin):  # type: ignore[misc]
        @admin.display(description="hết hạn lúc")
        def expiration(self, obj: AccessAttempt) -> Any:
            return super().expiration(obj)

        @admin.display(description="tình trạng")
        def status(self, obj: AccessAttempt) -> Any:
            return super().status(obj)

        @admin.action(description="Xóa các lượt đăng nhập sai đã hết hạn")
        def cleanup_expired_attempts(self, request: HttpRequest, queryset: Any) -> None:
            count = self.handler.clean_expired_user_attempts(request=request)
            self.message_user(request, f"Đã xóa {count} lượt đăng nhập sai đã hết hạn.")
