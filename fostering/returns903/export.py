"""The SSDA903 return of one organisation for one collection year: the rows of each file, and the files.

Collection year 2026 is 1 April 2025 to 31 March 2026. A child is in the return if looked after at any
point in the year (an episode open during it); the header lists those children, the reviews those held in
the year, the UASC file those children who are or were unaccompanied asylum seekers.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db.models import Q

from fostering.accounts.models import Organisation
from fostering.children.models import Child, ChildReview, LegalStatus, PeriodOfCare
from fostering.core.validators import age_on
from fostering.placements.models import Placement

from .codes import COLUMNS, FILE_NAMES
from .episodes import Episode, PlacementFact, StatusFact, episodes_for_period, in_year

UN1_BELOW_AGE = 4


def collection_year(year: int) -> tuple[date, date]:
    """The first and last day of a collection year as the DfE names it (2026: 1 April 2025 - 31 March 2026)."""
    return date(year - 1, 4, 1), date(year, 3, 31)


def fmt(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day is not None else ""


@dataclass
class Return903:
    """The rows of each file of one year's return, by table name (Header, Episodes, Reviews, UASC)."""

    year: int
    tables: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    children: dict[str, int] = field(default_factory=dict)
    """CHILD -> the child record's primary key (for links to the record to fix)."""

    def csv_bytes(self, table: str) -> bytes:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=COLUMNS[table], lineterminator="\n")
        writer.writeheader()
        writer.writerows(self.tables[table])
        return out.getvalue().encode()

    def write(self, folder: Path) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for table in self.tables:
            path = folder / FILE_NAMES[table]
            path.write_bytes(self.csv_bytes(table))
            written.append(path)
        return written

    def zip_bytes(self, previous: Return903 | None = None) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for table in self.tables:
                archive.writestr(f"{self.year}/{FILE_NAMES[table]}", self.csv_bytes(table))
            if previous is not None:
                for table in previous.tables:
                    archive.writestr(f"{previous.year}/{FILE_NAMES[table]}", previous.csv_bytes(table))
        return buffer.getvalue()


def _upn(child: Child, dob: date, start: date) -> str:
    """The UPN, or the DfE's code for why it is not known: UN1 not yet of school age (under 4 on 31 August
    before the year), UN2 an unaccompanied asylum seeker not yet in school, UN3 otherwise."""
    if child.upn:
        return child.upn
    if child.uasc:
        return "UN2"
    return "UN1" if age_on(dob, date(start.year - 1, 8, 31)) < UN1_BELOW_AGE else "UN3"


def _uasc_ceased(child: Child, dob: date) -> date:
    """DUC: the day UASC status ceased, or (still an asylum seeker) the 18th birthday, when it will."""
    if child.uasc_ceased_on is not None:
        return child.uasc_ceased_on
    try:
        return dob.replace(year=dob.year + 18)
    except ValueError:
        return date(dob.year + 18, 3, 1)


def _sex(code: str, year: int) -> str:
    if year >= 2025:
        return code
    return {"M": "1", "F": "2"}.get(code, code)


def _carer(placement: Placement) -> str:
    if placement.fostering_household_id:
        return f"household:{placement.fostering_household_id}"
    return f"provider:{placement.provider_name}|{placement.provider_urn}|{placement.postcode}"


def episode_row(child_id: str, episode: Episode) -> dict[str, str]:
    return {
        "CHILD": child_id,
        "DECOM": fmt(episode.decom),
        "RNE": episode.rne,
        "LS": episode.ls,
        "CIN": episode.cin,
        "PLACE": episode.place,
        "PLACE_PROVIDER": episode.place_provider,
        "DEC": fmt(episode.dec),
        "REC": episode.rec,
        "REASON_PLACE_CHANGE": episode.reason_place_change,
        "HOME_POST": episode.home_post,
        "PL_POST": episode.pl_post,
        "URN": episode.urn,
    }


def build_return(organisation: Organisation, year: int, *, coded_as: int | None = None) -> Return903:
    """The year's return for the organisation, read from its care records. ``coded_as`` writes the codes
    as another year's return does (last year's files are checked in this year's codes)."""
    coding = coded_as or year
    start, end = collection_year(year)
    periods = list(
        PeriodOfCare.objects.filter(organisation=organisation, started_on__lte=end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
        .select_related("child__person")
        .order_by("child__child_id", "started_on", "pk")
    )
    child_ids = {p.child_id for p in periods}
    statuses: dict[int, list[StatusFact]] = defaultdict(list)
    for status in LegalStatus.objects.filter(child_id__in=child_ids).order_by("started_on", "pk"):
        statuses[status.child_id].append(StatusFact(status.code, status.started_on, status.ended_on))
    placements: dict[int, list[PlacementFact]] = defaultdict(list)
    for row in (
        Placement.objects.filter(child_id__in=child_ids, period_of_care__isnull=False)
        .exclude(place="")
        .order_by("started_on", "pk")
    ):
        assert row.period_of_care_id is not None
        placements[row.period_of_care_id].append(
            PlacementFact(
                row.started_on,
                row.ended_on,
                row.place,
                row.provider,
                row.postcode,
                row.provider_urn,
                _carer(row),
                row.reason_place_change,
            )
        )
    result = Return903(year)
    episodes: list[dict[str, str]] = []
    children: dict[int, Child] = {}
    known_until: dict[int, date] = {}  # the year's end, or the day care ended in the year
    for period in periods:
        child = period.child
        shown = in_year(
            episodes_for_period(
                started_on=period.started_on,
                ended_on=period.ended_on,
                reason_ended=period.reason_ended,
                category_of_need=period.category_of_need,
                home_postcode="" if child.uasc else child.home_postcode,
                statuses=[
                    s
                    for s in statuses[child.pk]
                    if s.started_on >= period.started_on
                    and (period.ended_on is None or s.started_on < period.ended_on)
                ],
                placements=placements[period.pk],
            ),
            start=start,
            end=end,
        )
        if shown:
            children[child.pk] = child
            episodes += [episode_row(child.child_id, e) for e in shown]
            known_until[child.pk] = shown[-1].dec or end
    header, uasc = [], []
    for child in sorted(children.values(), key=lambda c: c.child_id):
        person = child.person
        dob = person.date_of_birth
        assert dob is not None
        born = child.mothers_child_born_on
        is_mother = bool(child.is_mother) and born is not None and born <= known_until[child.pk]
        mother = ("1" if is_mother else "0") if person.sex == "F" else ""
        header.append(
            {
                "CHILD": child.child_id,
                "SEX": _sex(person.sex, coding),
                "DOB": fmt(dob),
                "ETHNIC": person.ethnicity or "NOBT",
                "UPN": _upn(child, dob, start),
                "MOTHER": mother,
                "MC_DOB": fmt(born) if is_mother else "",
            }
        )
        if child.uasc:
            uasc.append(
                {
                    "CHILD": child.child_id,
                    "SEX": _sex(person.sex, coding),
                    "DOB": fmt(dob),
                    "DUC": fmt(_uasc_ceased(child, dob)),
                }
            )
        result.children[child.child_id] = child.pk
    reviews = [
        {
            "CHILD": review.child.child_id,
            "DOB": fmt(review.child.person.date_of_birth),
            "REVIEW": fmt(review.held_on),
            "REVIEW_CODE": review.participation,
        }
        for review in ChildReview.objects.filter(
            child_id__in=list(children), held_on__gte=start, held_on__lte=end
        )
        .select_related("child__person")
        .order_by("child__child_id", "held_on")
    ]
    result.tables = {"Header": header, "Episodes": episodes, "Reviews": reviews, "UASC": uasc}
    return result
