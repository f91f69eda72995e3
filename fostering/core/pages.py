"""The service's own pages outside any part of it: the index of every section a user may open."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .context_processors import sections_for


@login_required
def sections(request: HttpRequest) -> HttpResponse:
    return render(request, "sections.html", {"groups": sections_for(request.user)})
