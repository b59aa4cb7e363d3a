"""The "Việc cần làm" page: where everyone lands after logging in."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tiendo.accounts.access import actor_for
from tiendo.dashboard.todo import todo_for


@login_required
def todo(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    page = todo_for(actor, timezone.localdate(), expand=request.GET.get("xem", ""))
    return render(request, "dashboard/todo.html", {"page": page})
