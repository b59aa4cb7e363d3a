"""A person's own account pages: API tokens (login and password pages are Django's)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from tiendo.accounts import tokens
from tiendo.accounts.access import actor_for, get_api_token_for_user
from tiendo.accounts.forms import ApiTokenForm


@login_required
@never_cache  # the answer to a creation carries the new token: no cache may keep it
def api_tokens(request: HttpRequest) -> HttpResponse:
    """The person's tokens; a new one is shown here once, in the answer that made it."""
    actor = actor_for(request)
    form = ApiTokenForm(request.POST if request.method == "POST" else None)
    created, raw = None, ""
    if form.is_bound and form.is_valid():
        try:
            created, raw = tokens.api_token_create(
                actor=actor,
                user=actor.user,
                name=form.cleaned_data["name"],
                days=form.cleaned_data["days"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            form = ApiTokenForm()
    context = {"tokens": tokens.api_tokens_of(actor.user), "form": form}
    return render(request, "accounts/api_tokens.html", context | {"created": created, "raw": raw})


@login_required
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks first (GET), revokes on POST."""
    actor = actor_for(request)
    token = get_api_token_for_user(actor, pk, "revoke")
    if request.method != "POST":
        return render(request, "accounts/api_token_revoke.html", {"token": token})
    try:
        tokens.api_token_revoke(actor=actor, token=token)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Đã thu hồi mã truy cập “{token.name}”.")
    return redirect("api_tokens")
