"""Import a council's past SSDA903 files (several years) to start its children's care records.

Every CSV file under the folder is recognised by its exact set of columns (as the DfE's tool does). Rows
of the same child from several years are put together: an episode shown open in one year and closed in
the next is the same episode (same child and start). Each row is checked (columns, codes, dates in
dd/mm/YYYY, an end before the start, overlapping episodes, a child already on the system); one rejected
row means nothing is written, and every rejected row is listed with its file, row number and reason.

What is made: a person (sex, date of birth, ethnicity; the 903 has no names, so the name says where the
record came from) and a child record for each child; periods of care from the episodes (a period starts
with RNE S, or with the first episode the files hold, and ends with a REC other than X1); legal statuses
when LS changes; placements when the placement changes (RNE P, T, B or U). A placement keeps its 903 codes,
postcode and Ofsted URN; it is not matched to one of the council's households.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

from django.db import transaction
from tqdm import tqdm

from fostering.accounts.models import Organisation, User
from fostering.accounts.permissions import Perm, require
from fostering.audit.services import record_event
from fostering.children.codes import CategoryOfNeed, LegalStatusCode, ReasonCareEnded, ReviewParticipation
from fostering.children.models import Child, ChildReview, LegalStatus, PeriodOfCare
from fostering.households.choices import PlacementType
from fostering.people.choices import Ethnicity
from fostering.people.models import Person
from fostering.placements.codes import PlaceCode, ProviderCode, ReasonPlaceChange
from fostering.placements.models import Placement

from .codes import COLUMNS

DATE = re.compile(r"^\d{2}/\d{2}/\d{4}$")
SEXES = {"M": "M", "F": "F", "U": "U", "1": "M", "2": "F"}
RNES = {"S", "L", "P", "T", "B", "U"}
PLACEMENT_TYPES = {
    "U1": PlacementType.LONG_TERM,
    "U4": PlacementType.LONG_TERM,
    "U2": PlacementType.FOSTER_FOR_ADOPTION,
    "U5": PlacementType.FOSTER_FOR_ADOPTION,
    "K3": PlacementType.SUPPORTED_LODGINGS,
    "T3": PlacementType.RESPITE,
}
PROGRESS_FROM = 200


@dataclass(frozen=True)
class Rejection:
    file: str
    row: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file} row {self.row}: {self.reason}" if self.row else f"{self.file}: {self.reason}"


@dataclass
class Row:
    file: str
    number: int
    values: dict[str, str]


@dataclass
class ImportResult:
    rejections: list[Rejection] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    committed: bool = False


class Rollback(Exception):
    """Raised inside the transaction of a dry run so that nothing stays written."""


# ---------------------------------------------------------------------------------------------------------
# Reading and checking


def _table_of(columns: list[str]) -> str | None:
    for table, wanted in COLUMNS.items():
        if set(columns) == set(wanted) and len(columns) == len(wanted):
            return table
    return None


def read_folder(folder: Path, result: ImportResult) -> dict[str, list[Row]]:
    """Every row of every 903 file under ``folder``, by table; a file with other columns is rejected."""
    tables: dict[str, list[Row]] = defaultdict(list)
    files = sorted(folder.rglob("*.csv"))
    if not files:
        result.rejections.append(Rejection(str(folder), 0, "no 903 files (.csv) in this folder"))
    for path in files:
        name = str(path.relative_to(folder))
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle)
            columns = [c.strip().upper() for c in next(reader, [])]
            table = _table_of(columns)
            if table is None:
                closest = min(COLUMNS, key=lambda t: len(set(COLUMNS[t]) ^ set(columns)))
                missing = [c for c in COLUMNS[closest] if c not in columns]
                extra = [c for c in columns if c not in COLUMNS[closest]]
                detail = "; ".join(
                    part
                    for part in (
                        f"missing {', '.join(missing)}" if missing else "",
                        f"unexpected {', '.join(extra)}" if extra else "",
                    )
                    if part
                )
                result.rejections.append(
                    Rejection(
                        name, 1, f"the columns are not those of any 903 file (closest: {closest}: {detail})"
                    )
                )
                continue
            for number, values in enumerate(reader, start=2):
                if not any(v.strip() for v in values):
                    continue
                row = {
                    c: (values[i].strip().upper() if i < len(values) else "") for i, c in enumerate(columns)
                }
                tables[table].append(Row(name, number, row))
    return tables


def _date(row: Row, column: str, result: ImportResult, *, required: bool = False) -> date | None:
    value = row.values[column]
    if not value:
        if required:
            result.rejections.append(Rejection(row.file, row.number, f"{column} is missing"))
        return None
    if DATE.match(value):
        day, month, year = (int(part) for part in value.split("/"))
        try:
            return date(year, month, day)
        except ValueError:
            pass
    result.rejections.append(
        Rejection(row.file, row.number, f"{column} {value!r} is not a date written dd/mm/YYYY")
    )
    return None


def _code(
    row: Row, column: str, allowed: Iterable[str], result: ImportResult, *, required: bool = True
) -> str:
    value = row.values[column]
    if not value and not required:
        return ""
    if value not in set(allowed):
        result.rejections.append(Rejection(row.file, row.number, f"{column} {value!r} is not a known code"))
        return ""
    return value


@dataclass
class EpisodeIn:
    row: Row
    decom: date
    rne: str
    ls: str
    cin: str
    place: str
    provider: str
    dec: date | None
    rec: str
    reason: str
    home_post: str
    pl_post: str
    urn: str


def _episodes(rows: list[Row], result: ImportResult) -> dict[str, list[EpisodeIn]]:
    by_child: dict[str, dict[date, EpisodeIn]] = defaultdict(dict)
    for row in rows:
        before = len(result.rejections)
        decom = _date(row, "DECOM", result, required=True)
        dec = _date(row, "DEC", result)
        episode = EpisodeIn(
            row=row,
            decom=decom or date.min,
            rne=_code(row, "RNE", RNES, result),
            ls=_code(row, "LS", LegalStatusCode.values, result),
            cin=_code(row, "CIN", CategoryOfNeed.values, result),
            place=_code(row, "PLACE", PlaceCode.values, result),
            provider=_code(row, "PLACE_PROVIDER", ProviderCode.values, result, required=False),
            dec=dec,
            rec=_code(row, "REC", [*ReasonCareEnded.values, "X1"], result, required=False),
            reason=_code(row, "REASON_PLACE_CHANGE", ReasonPlaceChange.values, result, required=False),
            home_post=row.values["HOME_POST"],
            pl_post=row.values["PL_POST"],
            urn=row.values["URN"],
        )
        if len(result.rejections) > before:
            continue
        if dec is not None and decom is not None and dec < decom:
            result.rejections.append(
                Rejection(row.file, row.number, "the episode ends (DEC) before it starts")
            )
            continue
        if bool(dec) != bool(episode.rec):
            result.rejections.append(
                Rejection(row.file, row.number, "DEC and REC must both be given, or neither")
            )
            continue
        child = row.values["CHILD"]
        known = by_child[child].get(episode.decom)
        if known is None or (known.dec is None and episode.dec is not None):
            by_child[child][episode.decom] = episode  # the same episode from a later year, now closed
    ordered: dict[str, list[EpisodeIn]] = {}
    for child, episodes in by_child.items():
        chain = sorted(episodes.values(), key=lambda e: e.decom)
        for earlier, after in pairwise(chain):
            if earlier.dec is None or after.decom < earlier.dec:
                result.rejections.append(
                    Rejection(
                        after.row.file,
                        after.row.number,
                        f"the episode overlaps the one starting {earlier.decom:%d/%m/%Y} ({earlier.row.file} "
                        f"row {earlier.row.number})",
                    )
                )
        ordered[child] = chain
    return ordered


# ---------------------------------------------------------------------------------------------------------
# Writing


def _ranges(items: list[Any], starts: list[bool]) -> list[list[Any]]:
    groups: list[list[Any]] = []
    for item, new in zip(items, starts, strict=True):
        if new or not groups:
            groups.append([item])
        else:
            groups[-1].append(item)
    return groups


def _write_child(organisation: Organisation, child_id: str, header: Row, episodes: list[EpisodeIn],
                 reviews: list[Row], uasc: Row | None, by: User | None, counts: dict[str, int]) -> None:  # fmt: skip
    values = header.values
    dob = _parse(values["DOB"])
    person = Person(
        organisation=organisation,
        first_name="Imported",
        last_name=f"from the 903 ({child_id})",
        date_of_birth=dob,
        sex=SEXES[values["SEX"]],
        ethnicity=values["ETHNIC"],
    )
    person.stamp(by)
    person.save()
    duc = _parse(uasc.values["DUC"]) if uasc is not None else None
    child = Child(
        organisation=organisation,
        person=person,
        child_id=child_id,
        upn="" if values["UPN"].startswith("UN") else values["UPN"],
        uasc=uasc is not None,
        uasc_ceased_on=duc if duc is not None and episodes and episodes[-1].dec is not None else None,
        home_postcode=next((e.home_post for e in reversed(episodes) if e.home_post), ""),
        is_mother={"1": True, "0": False}.get(values["MOTHER"]),
        mothers_child_born_on=_parse(values["MC_DOB"]),
    )
    child.stamp(by)
    child.save()
    record_event(actor=by, verb="child_imported_from_903", obj=child, changes={"child_id": [None, child_id]})
    counts["children"] += 1
    periods = _ranges(episodes, [e.rne == "S" or i == 0 or episodes[i - 1].rec not in ("X1", "")
                                 for i, e in enumerate(episodes)])  # fmt: skip
    for period_episodes in periods:
        first, last = period_episodes[0], period_episodes[-1]
        period = PeriodOfCare(
            organisation=organisation,
            child=child,
            started_on=first.decom,
            ended_on=last.dec if last.rec not in ("", "X1") else None,
            reason_ended=last.rec if last.rec not in ("", "X1") else "",
            category_of_need=first.cin,
        )
        period.stamp(by)
        period.save()
        counts["periods of care"] += 1
        for group in _ranges(period_episodes, [i == 0 or e.ls != period_episodes[i - 1].ls
                                               for i, e in enumerate(period_episodes)]):  # fmt: skip
            status = LegalStatus(
                organisation=organisation,
                child=child,
                code=group[0].ls,
                started_on=group[0].decom,
                ended_on=group[-1].dec if group[-1] is not last or period.ended_on else None,
            )
            status.stamp(by)
            status.save()
            counts["legal statuses"] += 1
        for group in _ranges(period_episodes, [i == 0 or e.rne in ("P", "T", "B", "U")
                                               for i, e in enumerate(period_episodes)]):  # fmt: skip
            ended = group[-1].dec if group[-1] is not last or period.ended_on else None
            placement = Placement(
                organisation=organisation,
                child=child,
                period_of_care=period,
                started_on=group[0].decom,
                ended_on=ended,
                placement_type=PLACEMENT_TYPES.get(group[0].place, PlacementType.SHORT_TERM),
                place=group[0].place,
                provider=group[0].provider,
                provider_urn=group[0].urn[:8],
                postcode=group[0].pl_post[:8],
                reason_place_change=group[-1].reason if group[-1] is not last else "",
            )
            placement.stamp(by)
            placement.save()
            counts["placements"] += 1
    for review in reviews:
        held_on = _parse(review.values["REVIEW"])
        assert held_on is not None
        row = ChildReview(
            organisation=organisation,
            child=child,
            held_on=held_on,
            participation=review.values["REVIEW_CODE"],
        )
        row.stamp(by)
        row.save()
        counts["reviews"] += 1


def _parse(value: str) -> date | None:
    if not value:
        return None
    day, month, year = (int(part) for part in value.split("/"))
    return date(year, month, day)


def import_folder(
    *, organisation: Organisation, folder: Path, commit: bool, by: User | None, progress: bool = True
) -> ImportResult:
    """Check every file under ``folder`` and, with ``commit`` and no rejected row, write the records."""
    require(by, Perm.CHECK_RETURN_903, organisation.pk)
    result = ImportResult()
    tables = read_folder(folder, result)
    headers: dict[str, Row] = {}
    for row in tables.get("Header", []):
        before = len(result.rejections)
        _date(row, "DOB", result, required=True)
        _date(row, "MC_DOB", result)
        _code(row, "SEX", SEXES, result)
        _code(row, "ETHNIC", Ethnicity.values, result)
        _code(row, "MOTHER", ("0", "1"), result, required=False)
        if len(result.rejections) > before:
            continue
        known = headers.get(row.values["CHILD"])
        if known is not None and (known.values["DOB"], SEXES[known.values["SEX"]]) != (
            row.values["DOB"],
            SEXES[row.values["SEX"]],
        ):
            result.rejections.append(
                Rejection(row.file, row.number, f"DOB or SEX differ from {known.file} row {known.number}")
            )
        headers[row.values["CHILD"]] = row
    episodes = _episodes(tables.get("Episodes", []), result)
    reviews: dict[str, dict[str, Row]] = defaultdict(dict)
    for row in tables.get("Reviews", []):
        before = len(result.rejections)
        _date(row, "REVIEW", result, required=True)
        _code(row, "REVIEW_CODE", ReviewParticipation.values, result)
        if len(result.rejections) == before:
            reviews[row.values["CHILD"]][row.values["REVIEW"]] = row
    uasc: dict[str, Row] = {}
    for row in tables.get("UASC", []):
        if _date(row, "DUC", result) is not None or not row.values["DUC"]:
            uasc[row.values["CHILD"]] = row
    for child_id, chain in episodes.items():
        if child_id not in headers:
            row = chain[0].row
            result.rejections.append(
                Rejection(row.file, row.number, f"child {child_id} is in no header file")
            )
    existing = set(
        Child.objects.filter(organisation=organisation, child_id__in=list(headers)).values_list(
            "child_id", flat=True
        )
    )
    for child_id in sorted(existing):
        row = headers[child_id]
        result.rejections.append(
            Rejection(row.file, row.number, f"child {child_id} is already on the system")
        )
    result.rejections.sort(key=lambda r: (r.file, r.row, r.reason))
    if result.rejections:
        return result
    counts: dict[str, int] = defaultdict(int)
    children = sorted(headers)
    try:
        with transaction.atomic():
            bar = tqdm(
                children, desc="Importing children", unit="child", file=sys.stderr,
                disable=not progress or len(children) < PROGRESS_FROM,
            )  # fmt: skip
            for child_id in bar:
                _write_child(
                    organisation, child_id, headers[child_id], episodes.get(child_id, []),
                    sorted(reviews[child_id].values(), key=lambda r: _parse(r.values["REVIEW"]) or date.min),
                    uasc.get(child_id), by, counts,
                )  # fmt: skip
            if not commit:
                raise Rollback
    except Rollback:
        pass
    result.counts = dict(counts)
    result.committed = commit
    return result
