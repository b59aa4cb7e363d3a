from django.contrib import admin
from django.http import HttpRequest

from tiendo.notifications.models import Notification, OutgoingEmail, ReminderRule


@admin.register(ReminderRule)
class ReminderRuleAdmin(admin.ModelAdmin[ReminderRule]):
    list_display = ["plan", "days_before", "overdue_every_days", "escalate_after_days", "mandatory"]


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin[OutgoingEmail]):
    """The outbox: failing deliveries stay here with their error until a retry succeeds."""

    list_display = ["to", "subject", "due_at", "attempts", "sent_at", "last_error"]
    list_filter = ["sent_at"]
    search_fields = ["to", "subject", "last_error"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: OutgoingEmail | None = None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin[Notification]):
    list_display = ["recipient", "kind", "subject", "created_at", "read_at", "emailed"]
    list_filter = ["kind"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Notification | None = None) -> bool:
        return False
