"""The 903 SWEpisodes table: the child's allocated social worker over time (from 2023-24).

The return (fostering/returns903) imports this module; this module never imports the return.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Q

from fostering.children.models import Child

from .choices import SocialWorkerReason
from .models import SocialWorkerAllocation, validate_sw_id

TABLES = {"SWEpisodes": ["CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"]}

# SW_REASON may be blank only for an episode that started before the SWEpisodes collection began.
REASON_REQUIRED_FROM = date(2023, 4, 1)


def _dmy(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value is not None else ""


def export_rows(
    organisation_id: int, year_start: date, year_end: date
) -> dict[str, list[tuple[int, dict[str, str]]]]:
    """The social worker episodes open at any time in the year, of the children looked after in it.

    An episode still open at the year's end (or ended after it) has a blank SW_DEC."""
    looked_after = Child.objects.filter(
        organisation_id=organisation_id,
        periods_of_care__started_on__lte=year_end,
    ).filter(Q(periods_of_care__ended_on__isnull=True) | Q(periods_of_care__ended_on__gte=year_start))
    allocations = (
        SocialWorkerAllocation.objects.filter(
            organisation_id=organisation_id,
            started_on__lte=year_end,
            child__in=looked_after.values("pk"),
        )
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=year_start))
        .order_by("child_id", "started_on")
        .values_list("child_id", "sw_id", "started_on", "ended_on", "reason")
    )
    rows = [
        (
            child_id,
            {
                "SW_ID": sw_id,
                "SW_DECOM": _dmy(started_on),
                "SW_DEC": _dmy(ended_on) if ended_on is not None and ended_on <= year_end else "",
                "SW_REASON": reason,
            },
        )
        for child_id, sw_id, started_on, ended_on, reason in allocations
    ]
    return {"SWEpisodes": rows}


def _parse(value: str, column: str) -> date:
    day, month, year = [*value.split("/"), "", "", ""][:3]
    try:
        if len(day) != 2 or len(month) != 2 or len(year) != 4:
            raise ValueError(value)
        return date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError(f"{column} {value!r} is not a date that exists, written dd/mm/YYYY") from None


def _import_row(organisation_id: int, child_pk: int, values: dict[str, str]) -> str | None:
    """Write one SWEpisodes row; the reason it was refused, or None."""
    try:
        started_on = _parse(values.get("SW_DECOM", ""), "SW_DECOM")
        ended_on = _parse(values["SW_DEC"], "SW_DEC") if values.get("SW_DEC") else None
    except ValueError as error:
        return str(error)
    sw_id = values.get("SW_ID", "")
    try:
        validate_sw_id(sw_id)
    except ValidationError:
        return f"SW_ID {sw_id!r} does not begin with SW or XX followed by 2 to 8 letters or digits"
    reason = values.get("SW_REASON", "")
    if reason and reason not in SocialWorkerReason.values:
        return f"SW_REASON {reason!r} is not a code of the DfE's list"
    if not reason and started_on >= REASON_REQUIRED_FROM:
        return "SW_REASON is required for an episode that started on or after 1 April 2023"
    if ended_on is not None and ended_on <= started_on:
        return "SW_DEC is not after SW_DECOM"
    child = Child.objects.filter(pk=child_pk, organisation_id=organisation_id).first()
    if child is None:
        return "the child is not one of this council's"
    same = SocialWorkerAllocation.objects.filter(child=child, started_on=started_on).first()
    if same is not None:
        if same.sw_id != sw_id or (reason and same.reason != reason):
            return (
                f"an episode from {_dmy(started_on)} is already held with SW_ID {same.sw_id} "
                f"and reason {same.reason or 'blank'}"
            )
        if ended_on is not None and same.ended_on is None:
            # A later year's file closes the episode an earlier year left open.
            same.ended_on = ended_on
            same.save(update_fields=["ended_on"])
        elif ended_on is not None and same.ended_on != ended_on:
            return f"the episode from {_dmy(started_on)} is already held as ending {_dmy(same.ended_on)}"
        return None
    overlapping = SocialWorkerAllocation.objects.filter(child=child).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=started_on)
    )
    if ended_on is not None:
        overlapping = overlapping.filter(started_on__lt=ended_on)
    if overlapping.exists():
        return "the episode overlaps another social worker episode held for the child"
    known = (
        SocialWorkerAllocation.objects.filter(
            organisation_id=organisation_id, sw_id=sw_id, worker__isnull=False
        )
        .values_list("worker_id", flat=True)
        .first()
    )
    SocialWorkerAllocation.objects.create(
        organisation_id=organisation_id,
        child=child,
        worker_id=known,
        sw_id=sw_id,
        started_on=started_on,
        ended_on=ended_on,
        reason=reason,
    )
    return None


def import_rows(
    organisation_id: int, table: str, rows: list[tuple[int, int, dict[str, str]]]
) -> list[tuple[int, str]]:
    """Write SWEpisodes rows (the caller holds the transaction); (row number, reason) for each refused."""
    if table not in TABLES:
        return [(number, f"the visits part reads no {table} table") for number, _, _ in rows]
    refused = []
    for number, child_pk, values in rows:
        reason = _import_row(organisation_id, child_pk, values)
        if reason is not None:
            refused.append((number, reason))
    return refused
