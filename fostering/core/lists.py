"""The one way to show a list page: the user's rows, a filter form, and GOV.UK pagination.

A view passes the rows from its selector (already scoped to the user), a django-filter ``FilterSet``
class (or none), the defaults a person works with (the children in care now, the open enquiries) and
a page size. ``list_page`` returns the context for ``includes/filter_form.html`` and
``includes/pagination.html``: the filter (its form carries the errors beside the fields), the page,
the numbered links with ellipses, and a message when the page asked for does not exist.

Rows that are worked out in Python (the vacancy register, the households at risk) are filtered by
the view with a plain form and passed here as a list; they are paginated the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

import django_filters
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict

PAGE_SIZE = 50
SEARCH_MAX_LENGTH = 100
# Links either side of the current page before an ellipsis.
AROUND = 1


class NameSearchFilter(django_filters.CharFilter):
    """A name search: case-insensitive contains, at most ``SEARCH_MAX_LENGTH`` characters."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label", "Search by name")
        kwargs.setdefault("max_length", SEARCH_MAX_LENGTH)
        kwargs.setdefault("lookup_expr", "icontains")
        super().__init__(*args, **kwargs)

    def filter(self, qs: Any, value: Any) -> Any:
        return super().filter(qs, value.strip() if isinstance(value, str) else value)


class SelectorFilterSet(django_filters.FilterSet):
    """Filters the app's selector applies (the API shares it): the FilterSet reads, validates and shows them.

    ``selector`` is called with the user and each valid value by its filter's name, or by the name in
    ``selector_names`` (``{"q": "search"}``); a refused value is not passed (the selector's default
    applies), an empty choice is passed as "" (any).
    """

    selector: ClassVar[Callable[..., QuerySet[Any]]]
    selector_names: ClassVar[Mapping[str, str]] = {}

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        values = {
            self.selector_names.get(name, name): value.strip() if isinstance(value, str) else value
            for name, value in self.form.cleaned_data.items()
            if value is not None
        }
        return type(self).selector(user=self.request.user, **values)  # type: ignore[union-attr]


def page_links(page: Page[Any], around: int = AROUND) -> list[int | None]:
    """The page numbers to link, ``None`` for an ellipsis: 1 … 4 5 6 … 20."""
    last = page.paginator.num_pages
    wanted = {1, last, *range(page.number - around, page.number + around + 1)}
    numbers = sorted(n for n in wanted if 1 <= n <= last)
    links: list[int | None] = []
    for number in numbers:
        if links and number - (links[-1] or 0) > 1:
            links.append(None)
        links.append(number)
    return links


def _page_number(raw: str | None, last: int) -> tuple[int, str]:
    """The page to show and, when the one asked for does not exist, what to tell the person."""
    if raw in (None, ""):
        return 1, ""
    try:
        number = int(str(raw))
    except ValueError:
        return 1, "The page number must be a number. Showing the first page."
    if number < 1:
        return 1, "There is no such page. Showing the first page."
    if number > last:
        return last, f"There is no page {number}. Showing the last page, page {last}."
    return number, ""


def with_defaults(request: HttpRequest, defaults: Mapping[str, str]) -> QueryDict:
    """The query string with each default filled in where the person did not choose."""
    data = request.GET.copy()
    for key, value in defaults.items():
        if key not in data:
            data[key] = value
    return data


def list_page(
    request: HttpRequest,
    rows: QuerySet[Any] | Sequence[Any] | None,
    filterset_class: type[django_filters.FilterSet] | None = None,
    *,
    defaults: Mapping[str, str] | None = None,
    per_page: int = PAGE_SIZE,
    filterset_kwargs: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Filter and paginate ``rows``; a filter value that is not valid is refused beside its field.

    ``rows`` is the user's queryset from the selector, or None with a ``SelectorFilterSet`` (which asks
    the selector itself), or a list the view worked out.

    An invalid value leaves its filter out (the rows are still only the user's), so the list is shown
    again with the error; every valid filter still applies.
    """
    data = with_defaults(request, defaults or {})
    filterset = None
    if filterset_class is not None:
        filterset = filterset_class(data, queryset=rows, request=request, **(filterset_kwargs or {}))
        rows = filterset.qs
    assert rows is not None
    paginator: Paginator[Any] = Paginator(rows, per_page)
    number, message = _page_number(request.GET.get("page"), paginator.num_pages)
    page = paginator.page(number)
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return {
        "filter": filterset,
        "filter_invalid": bool(filterset is not None and filterset.form.errors),
        "page_obj": page,
        "page_links": page_links(page),
        "page_message": message,
        "query_without_page": f"{encoded}&" if encoded else "",
    }
