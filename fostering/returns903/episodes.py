"""SSDA903 episodes from a period of care, its legal statuses and its placements (pure functions).

An episode is a stretch of a period of care with one legal status and one placement. A new episode starts
on each legal status change or placement change, with the reason (RNE):

- S  the child started to be looked after (the first episode of a period of care);
- L  the legal status changed, the placement did not;
- P  the placement and the carer changed, the legal status did not;
- T  the placement changed but the carer did not (e.g. a foster placement becomes an adoptive one);
- B  the legal status, the placement and the carer all changed on the same day;
- U  the legal status and the placement changed, the carer did not.

An episode that ends because another begins ceases with REC X1; the last episode of a period ceases with
the period's reason (REC). The reason the placement ended (REASON_PLACE_CHANGE) goes on the episode whose
placement ended when the child moved. Temporary placements (T0-T4) carry no provider and no reason.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

TEMPORARY_PLACES = frozenset({"T0", "T1", "T2", "T3", "T4"})


@dataclass(frozen=True)
class StatusFact:
    code: str
    started_on: date
    ended_on: date | None


@dataclass(frozen=True)
class PlacementFact:
    started_on: date
    ended_on: date | None
    place: str
    provider: str
    postcode: str
    urn: str
    carer: str
    """Who cares for the child: the household or the provider, so a change of placement with the same
    carer (RNE T or U) can be told from a move to another carer."""
    reason_place_change: str = ""


@dataclass(frozen=True)
class Episode:
    decom: date
    rne: str
    ls: str
    cin: str
    place: str
    place_provider: str
    dec: date | None
    rec: str
    reason_place_change: str
    home_post: str
    pl_post: str
    urn: str


def _at(facts: list, day: date):  # type: ignore[no-untyped-def]
    """The fact in force on ``day`` (started on or before it and not ended before it)."""
    found = None
    for fact in facts:
        if fact.started_on <= day and (fact.ended_on is None or fact.ended_on > day):
            found = fact
    return found


def episodes_for_period(
    *,
    started_on: date,
    ended_on: date | None,
    reason_ended: str,
    category_of_need: str,
    home_postcode: str,
    statuses: list[StatusFact],
    placements: list[PlacementFact],
) -> list[Episode]:
    """Every episode of one period of care, in order. Facts outside the period are ignored."""
    end = ended_on
    statuses = sorted(statuses, key=lambda s: s.started_on)
    placements = sorted(placements, key=lambda p: p.started_on)
    days = {started_on}
    for day in [s.started_on for s in statuses] + [p.started_on for p in placements]:
        if day > started_on and (end is None or day < end):
            days.add(day)
    changes = sorted(days)
    episodes: list[Episode] = []
    previous_status: StatusFact | None = None
    previous_placement: PlacementFact | None = None
    for index, day in enumerate(changes):
        status = _at(statuses, day) or (statuses[0] if statuses else None)
        placement = _at(placements, day) or (placements[0] if placements else None)
        if index == 0:
            rne = "S"
        else:
            status_changed = status is not previous_status and (
                previous_status is None or status is None or status.code != previous_status.code
            )
            placement_changed = placement is not previous_placement
            same_carer = (
                placement is not None
                and previous_placement is not None
                and placement.carer == previous_placement.carer
            )
            if status_changed and placement_changed:
                rne = "U" if same_carer else "B"
            elif placement_changed:
                rne = "T" if same_carer else "P"
            else:
                rne = "L"
        following = changes[index + 1] if index + 1 < len(changes) else None
        place = placement.place if placement else ""
        temporary = place in TEMPORARY_PLACES
        episodes.append(
            Episode(
                decom=day,
                rne=rne,
                ls=status.code if status else "",
                cin=category_of_need,
                place=place,
                place_provider="" if temporary or placement is None else placement.provider,
                dec=following if following is not None else end,
                rec="X1" if following is not None else (reason_ended if end is not None else ""),
                reason_place_change="",
                home_post=home_postcode,
                pl_post=placement.postcode if placement else "",
                urn="" if temporary or placement is None else placement.urn,
            )
        )
        previous_status, previous_placement = status, placement
    # The reason a placement ended goes on the episode that was open when the child moved.
    for index in range(len(episodes) - 1):
        nxt = episodes[index + 1]
        if nxt.rne in ("P", "T", "B", "U") and episodes[index].place not in TEMPORARY_PLACES:
            if nxt.place in TEMPORARY_PLACES:
                continue
            ended = _at(placements, episodes[index].decom)
            reason = (ended.reason_place_change if ended else "") or "OTHER"
            episodes[index] = replace(episodes[index], reason_place_change=reason)
    return episodes


def in_year(episodes: list[Episode], *, start: date, end: date) -> list[Episode]:
    """The episodes open during a collection year, as the year's return shows them: an episode still open
    at 31 March is shown open (no DEC, no REC), whatever happened after."""
    shown = []
    for episode in episodes:
        if episode.decom > end or (episode.dec is not None and episode.dec < start):
            continue
        if episode.dec is not None and episode.dec > end:
            episode = replace(episode, dec=None, rec="", reason_place_change="")
        shown.append(episode)
    return shown
