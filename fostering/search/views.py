from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from fostering.audit.services import record_read
from fostering.core.views import StaffRequest

from .forms import SearchForm
from .registry import may_search
from .selectors import search_for_user


@login_required
def results(request: StaffRequest) -> HttpResponse:
    """Records of every kind the user may open that match the words typed in the header's search box."""
    if not may_search(request.user):
        raise PermissionDenied
    form = SearchForm(request.GET)
    text = form.cleaned_data["q"] if form.is_valid() else ""
    groups = []
    if text:
        found = search_for_user(user=request.user, text=text)
        for group in found:
            groups.append(
                {
                    "key": group.kind.key,
                    "label": group.kind.label,
                    "total": group.total,
                    "more": group.more,
                    "list_url": f"{reverse(group.kind.list_url)}?{urlencode({'name': text})}",
                    "records": [
                        {
                            "title": group.kind.title(record),
                            "url": group.kind.detail_url(record),
                            "hint": group.kind.hint(record),
                        }
                        for record in group.records
                    ],
                }
            )
        children = [group for group in found if group.kind.shows_children]
        if children:
            shown = [record for group in children for record in group.records]
            record_read(by=request.user, page="search:results", children=shown, search=text)
    return render(
        request,
        "search/results.html",
        {
            "form": form,
            "text": text,
            "groups": groups,
            "found": sum(group["total"] for group in groups),
        },
    )
