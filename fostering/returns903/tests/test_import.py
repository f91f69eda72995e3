"""Importing past 903 files: bad files are refused row by row, and then nothing is written (the round trip
of the demo council's own files is in fostering/demo/tests/test_return903.py)."""

import pytest
from django.core.management import CommandError, call_command

from fostering.children.models import Child, PeriodOfCare
from fostering.placements.models import Placement
from fostering.returns903.importer import import_folder

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
EPISODES = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"


def _write(folder, name, text):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text)


def test_bad_files_are_refused_row_by_row_and_nothing_is_written(council, tmp_path):
    _write(
        tmp_path / "2026", "header.csv", HEADER + "A1,F,01/02/2015,WBRI,UN1,0,\nA2,M,2015-02-01,WBRI,UN1,,\n"
    )
    _write(
        tmp_path / "2026",
        "episodes.csv",
        EPISODES
        + "A1,01/05/2025,S,C1,N1,U6,PR1,01/07/2025,X1,CARPL,LE2 9JJ,LE4 8FQ,SC1\n"
        + "A1,15/06/2025,P,C1,N1,Q9,PR1,,,,LE2 9JJ,LE4 5YS,SC1\n"
        + "A1,01/09/2025,P,C1,N1,U6,PR1,01/08/2025,E4A,,LE2 9JJ,LE4 5YS,SC1\n",
    )
    _write(
        tmp_path / "2026",
        "reviews.csv",
        "CHILD,DOB,REVIEW,REVIEW_CODE,EXTRA\nA1,01/02/2015,01/06/2025,PN1,x\n",
    )
    # when
    result = import_folder(organisation=council, folder=tmp_path, commit=True, by=None)
    # then
    assert [str(r) for r in result.rejections] == [
        "2026/episodes.csv row 3: PLACE 'Q9' is not a known code",
        "2026/episodes.csv row 4: the episode ends (DEC) before it starts",
        "2026/header.csv row 3: DOB '2015-02-01' is not a date written dd/mm/YYYY",
        "2026/reviews.csv row 1: the columns are not those of any 903 file (closest: Reviews: unexpected EXTRA)",
    ]
    assert not result.committed
    assert not Child.objects.filter(organisation=council).exists()


def test_overlapping_episodes_are_refused(council, tmp_path):
    _write(tmp_path, "header.csv", HEADER + "A1,F,01/02/2015,WBRI,UN1,0,\n")
    _write(
        tmp_path,
        "episodes.csv",
        EPISODES
        + "A1,01/05/2025,S,C1,N1,U6,PR1,01/07/2025,X1,CARPL,LE2 9JJ,LE4 8FQ,SC1\n"
        + "A1,15/06/2025,P,C1,N1,U6,PR1,,,,LE2 9JJ,LE4 5YS,SC1\n",
    )
    result = import_folder(organisation=council, folder=tmp_path, commit=True, by=None)
    assert [str(r) for r in result.rejections] == [
        "episodes.csv row 3: the episode overlaps the one starting 01/05/2025 (episodes.csv row 2)"
    ]
    assert not PeriodOfCare.objects.filter(organisation=council).exists()


def test_a_dry_run_writes_nothing_and_the_command_lists_rejections(council, tmp_path, capsys):
    _write(tmp_path, "header.csv", HEADER + "A1,F,01/02/2015,WBRI,UN1,0,\n")
    _write(tmp_path, "episodes.csv", EPISODES + "A1,01/05/2025,S,C1,N1,U6,PR1,,,,LE2 9JJ,LE4 8FQ,SC1\n")
    call_command("import_903", str(tmp_path), "--dry-run", "--organisation", council.code)
    assert (
        "it would import: 1 children, 1 periods of care, 1 legal statuses, 1 placements"
        in capsys.readouterr().out
    )
    assert not Child.objects.filter(organisation=council).exists()
    call_command("import_903", str(tmp_path), "--commit", "--organisation", council.code)
    assert Placement.objects.get(organisation=council).place == "U6"
    with pytest.raises(CommandError, match="1 rows were rejected"):
        call_command("import_903", str(tmp_path), "--commit", "--organisation", council.code)
    assert "Rejected: header.csv row 2: child A1 is already on the system" in capsys.readouterr().out
