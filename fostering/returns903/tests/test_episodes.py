"""Episodes worked by hand from a period of care, its legal statuses and its placements."""

from datetime import date

from fostering.returns903.episodes import (
    Episode,
    PlacementFact,
    StatusFact,
    episodes_for_period,
    in_year,
)


def placement(start, end, place="U6", carer="household:1", postcode="LE3 8DR", reason="", provider="PR1"):
    return PlacementFact(start, end, place, provider, postcode, "SC123456", carer, reason)


def episodes(statuses, placements, *, ended_on=None, reason_ended=""):
    return episodes_for_period(
        started_on=date(2024, 5, 1),
        ended_on=ended_on,
        reason_ended=reason_ended,
        category_of_need="N1",
        home_postcode="LE2 9JJ",
        statuses=statuses,
        placements=placements,
    )


def brief(rows: list[Episode]) -> list[tuple]:
    return [(e.decom, e.rne, e.ls, e.place, e.dec, e.rec, e.reason_place_change) for e in rows]


def test_a_legal_status_change_then_a_move_then_care_ends():
    # given: police protection for two days, then an interim care order; one move; home in October
    statuses = [
        StatusFact("L1", date(2024, 5, 1), date(2024, 5, 3)),
        StatusFact("C1", date(2024, 5, 3), date(2024, 10, 1)),
    ]
    placements = [
        placement(date(2024, 5, 1), date(2024, 7, 15), reason="CREQB"),
        placement(date(2024, 7, 15), date(2024, 10, 1), carer="household:2", postcode="LE4 5YS"),
    ]
    # when
    rows = episodes(statuses, placements, ended_on=date(2024, 10, 1), reason_ended="E4A")
    # then
    assert brief(rows) == [
        (date(2024, 5, 1), "S", "L1", "U6", date(2024, 5, 3), "X1", ""),
        (date(2024, 5, 3), "L", "C1", "U6", date(2024, 7, 15), "X1", "CREQB"),
        (date(2024, 7, 15), "P", "C1", "U6", date(2024, 10, 1), "E4A", ""),
    ]
    assert rows[2].pl_post == "LE4 5YS" and rows[2].home_post == "LE2 9JJ"


def test_a_change_of_placement_with_the_same_carer_is_t_and_with_a_new_status_u():
    statuses = [
        StatusFact("C1", date(2024, 5, 1), date(2024, 9, 1)),
        StatusFact("C2", date(2024, 9, 1), None),
    ]
    placements = [
        placement(date(2024, 5, 1), date(2024, 6, 1), reason="PLACE"),
        placement(date(2024, 6, 1), date(2024, 9, 1), place="U4", reason="PLACE"),
        placement(date(2024, 9, 1), None, place="U5"),
    ]
    rows = episodes(statuses, placements)
    assert [(e.rne, e.place, e.rec, e.reason_place_change) for e in rows] == [
        ("S", "U6", "X1", "PLACE"),
        ("T", "U4", "X1", "PLACE"),
        ("U", "U5", "", ""),
    ]
    assert rows[2].dec is None


def test_a_status_and_carer_change_on_one_day_is_b():
    statuses = [
        StatusFact("V2", date(2024, 5, 1), date(2024, 8, 1)),
        StatusFact("C1", date(2024, 8, 1), None),
    ]
    placements = [
        placement(date(2024, 5, 1), date(2024, 8, 1), reason="CARPL"),
        placement(date(2024, 8, 1), None, place="K2", carer="provider:Beech Lodge", provider="PR4"),
    ]
    rows = episodes(statuses, placements)
    assert [(e.rne, e.ls, e.place, e.place_provider) for e in rows] == [
        ("S", "V2", "U6", "PR1"),
        ("B", "C1", "K2", "PR4"),
    ]
    assert rows[0].reason_place_change == "CARPL"


def test_a_temporary_placement_has_no_provider_urn_or_reason_and_the_move_back_is_p():
    statuses = [StatusFact("C2", date(2024, 5, 1), None)]
    placements = [
        placement(date(2024, 5, 1), date(2024, 8, 1), reason="OTHER"),
        placement(date(2024, 8, 1), date(2024, 8, 15), place="T3", carer="household:9", postcode="NN1 2BN"),
        placement(date(2024, 8, 15), None),
    ]
    rows = episodes(statuses, placements)
    assert [(e.rne, e.place, e.place_provider, e.urn, e.reason_place_change) for e in rows] == [
        ("S", "U6", "PR1", "SC123456", ""),
        ("P", "T3", "", "", ""),
        ("P", "U6", "PR1", "SC123456", ""),
    ]


def test_a_move_without_a_recorded_reason_says_other():
    statuses = [StatusFact("C2", date(2024, 5, 1), None)]
    placements = [placement(date(2024, 5, 1), date(2024, 6, 1)), placement(date(2024, 6, 1), None, carer="x")]
    assert episodes(statuses, placements)[0].reason_place_change == "OTHER"


def test_the_year_shows_episodes_open_in_it_and_leaves_open_those_that_ended_after_31_march():
    statuses = [StatusFact("C2", date(2024, 5, 1), None)]
    placements = [
        placement(date(2024, 5, 1), date(2025, 3, 1), reason="CHILD"),
        placement(date(2025, 3, 1), date(2025, 6, 1), carer="household:2", reason="STAND"),
        placement(date(2025, 6, 1), None, carer="household:3"),
    ]
    rows = episodes(statuses, placements)
    year_2025 = in_year(rows, start=date(2024, 4, 1), end=date(2025, 3, 31))
    assert [(e.decom, e.dec, e.rec, e.reason_place_change) for e in year_2025] == [
        (date(2024, 5, 1), date(2025, 3, 1), "X1", "CHILD"),
        (date(2025, 3, 1), None, "", ""),
    ]
    year_2026 = in_year(rows, start=date(2025, 4, 1), end=date(2026, 3, 31))
    assert [(e.decom, e.dec, e.rec) for e in year_2026] == [
        (date(2025, 3, 1), date(2025, 6, 1), "X1"),
        (date(2025, 6, 1), None, ""),
    ]
