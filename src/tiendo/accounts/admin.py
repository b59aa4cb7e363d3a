from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tiendo.accounts.access import actor_for
from tiendo.accounts.models import Membership
from tiendo.accounts.services import membership_set


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ["user", "agency", "role", "position"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__last_name", "agency__name"]
    autocomplete_fields = ["agency"]

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        saved = membership_set(
            user=obj.user,
            agency=obj.agency,
            role=obj.role,
            position=obj.position,
            actor=actor_for(request),
        )
        obj.pk = saved.pk
