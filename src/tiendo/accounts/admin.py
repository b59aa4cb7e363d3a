from django.contrib import admin

from tiendo.accounts.models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ["user", "agency", "role", "position"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__last_name", "agency__name"]
    autocomplete_fields = ["agency"]
