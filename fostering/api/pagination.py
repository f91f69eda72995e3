"""Page-number pagination, 50 records a page, bounded so a wild page number is a 422, not a 500."""

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination, paginate

PAGE_SIZE = 50
MAX_PAGE_SIZE = 100


class Pagination(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE)


# Decorate a list operation whose 200 response is ``list[SomeSchema]``: it returns {"items", "count"}.
paginated = paginate(Pagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
