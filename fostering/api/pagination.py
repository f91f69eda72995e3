"""Page-number pagination, 50 records a page, bounded so a wild page number is a 422, not a 500."""

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination, paginate

from fostering.audit.services import record_read

PAGE_SIZE = 50
MAX_PAGE_SIZE = 100


class Pagination(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE)


# Decorate a list operation whose 200 response is ``list[SomeSchema]``: it returns {"items", "count"}.
paginated = paginate(Pagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)


class ReadPagination(Pagination):
    """A page of a list that shows children: the read is logged, one event for the page (its ids)."""

    def __init__(self, *, page_name: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.page_name = page_name

    def paginate_queryset(self, queryset: QuerySet, pagination: Any, **params: Any) -> Any:
        result = super().paginate_queryset(queryset, pagination, **params)
        result["items"] = list(result["items"])
        record_read(
            by=params["request"].auth,
            page=self.page_name,
            children=result["items"],
            search=str(params.get("search") or ""),
        )
        return result


def paginated_read(page_name: str) -> Callable[..., Any]:
    """``paginated`` for lists of children, or of rows that name a child (``child_id``)."""
    return paginate(ReadPagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE, page_name=page_name)
