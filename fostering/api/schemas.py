"""Schemas shared by every resource: errors, staff references, deadlines, and the declared error responses.

Every operation declares the error statuses it can return, each with a schema, so the OpenAPI document
describes every response a client (or a schemathesis run) can see.
"""

from datetime import date, datetime
from typing import Annotated, Any

from ninja import Field, Path, Query, Schema

from fostering.core.dates import EARLIEST, LATEST
from fostering.core.params import MAX_ID
from fostering.deadlines.status import DeadlineStatus

# Ids up to the largest primary key the database holds (core.params.MAX_ID): larger ones are a 422.
RecordId = Annotated[int, Path(ge=1, le=MAX_ID, description="The record's id")]

# Integer query filters: every one is bounded, so a value the database cannot hold is a 422 naming the
# parameter (never a 500, never a filter silently dropped). An id in range that matches nothing is an
# empty list. Years are those ``core.dates`` accepts anywhere in the service.
FilterId = Annotated[
    int | None, Query(ge=1, le=MAX_ID, description="A record's id, to list only its records")
]
Year = Annotated[int | None, Query(ge=EARLIEST.year, le=LATEST.year, description="A year, e.g. 2026")]


class ErrorOut(Schema):
    detail: str = Field(..., description="What went wrong, in words a person can act on")


class FieldErrorOut(Schema):
    type: str = Field(..., description="A code for the kind of error")
    loc: list[str | int] = Field(..., description='Where the error is, e.g. ["body", "visited_on"]')
    msg: str


class ValidationErrorOut(Schema):
    detail: list[FieldErrorOut]


class StaffRef(Schema):
    id: int
    name: str

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(obj)


class DeadlineOut(Schema):
    """A clock: its rule code (see docs/timescales.md), due date, when it was met, and RAG status."""

    rule: str
    due: datetime | date
    met_on: datetime | date | None
    status: DeadlineStatus


class RecordDeadlineOut(DeadlineOut):
    """A clock on a record, with the rule's title and, for a member's renewal, whose it is."""

    title: str
    subject: str | None = Field(None, description="The person a renewal belongs to; null for the record's")


# Error responses, merged into each operation's ``response`` mapping.
AUTH_ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut}
NOT_FOUND: dict[int, Any] = {404: ErrorOut}
INVALID: dict[int, Any] = {422: ValidationErrorOut}
BAD_BODY: dict[int, Any] = {400: ErrorOut}

# Free-text search: bounded, and without NUL characters (which PostgreSQL refuses).
Search = Annotated[
    str, Query(max_length=100, pattern=r"^[^\x00]*$", description="Words to look for in names")
]
