"""View helpers shared by the apps: pagination that keeps the filters, and running a service from a form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, has_perm

from .forms import ServiceForm
from .versions import current

T = TypeVar("T")
PAGE_SIZE = 50


def paginate(request: HttpRequest, queryset: QuerySet[Any], per_page: int = PAGE_SIZE) -> dict[str, Any]:
    page: Page[Any] = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return {"page_obj": page, "query_without_page": f"{encoded}&" if encoded else ""}


def submit(form: ServiceForm, action: Callable[[dict[str, Any]], T]) -> T | None:
    """Validate the form, run the service with its cleaned data, and keep any service error on the form.

    Returns the service's result, or None when the form (or the service) refused the input; nothing is
    saved then, because every service function is atomic. An edit form (``versions.VersionedForm``) is
    refused, with the other person's change shown, if its record changed after the form was read.
    """
    if not form.is_valid():
        return None
    try:
        with current(form):
            return action(form.cleaned_data)
    except ValidationError as error:
        form.add_service_errors(error)
        return None


class StaffRequest(HttpRequest):
    """A request behind login_required: its user is a signed-in member of staff."""

    user: User  # type: ignore[assignment]


def render_form(
    request: HttpRequest, form: ServiceForm, *, heading: str, back_url: str, caption: str = ""
) -> HttpResponse:
    """The one form page: error summary, heading, the form, and a back link."""
    return render(
        request,
        "form_page.html",
        {"form": form, "heading": heading, "back_url": back_url, "caption": caption},
    )


R = TypeVar("R", bound=Any)


def record_form_page(
    request: StaffRequest,
    record: R,
    *,
    perm: Perm,
    make_form: Callable[[R], ServiceForm],
    action: Callable[[R, dict[str, Any]], Any],
    heading: str,
    done: str,
    detail_url: str,
    caption: str,
) -> HttpResponse:
    """A page that records one thing about a record through one service function.

    The caller has already found the record through its selector (out of reach is a 404); the user
    needs ``perm`` in the record's organisation. On success the user goes back to the record with
    ``done`` as the banner; a refusal re-shows the form with the errors beside their fields.
    """
    if not has_perm(request.user, perm, record.organisation_id):
        raise PermissionDenied
    form = make_form(record)
    if request.method == "POST" and submit(form, lambda data: action(record, data)) is not None:
        messages.success(request, done)
        return redirect(detail_url)
    return render_form(request, form, heading=heading, back_url=detail_url, caption=caption)
