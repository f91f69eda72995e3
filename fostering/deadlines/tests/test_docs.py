from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from fostering.deadlines.docs import default_path, render_timescales
from fostering.deadlines.rules import RULES


def test_committed_timescales_doc_matches_the_rules():
    committed = default_path().read_text(encoding="utf-8")
    assert committed == render_timescales(), (
        "docs/timescales.md is out of date with fostering/deadlines/rules.py: "
        "run `python manage.py timescales_doc` and commit the result."
    )


def test_doc_has_a_row_per_rule():
    text = render_timescales()
    for code in RULES:
        assert f"| `{code}` |" in text
    assert (
        "| `tsd_standards` | Complete the TSD standards | approval | "
        "12 months (18 months for kinship, short_breaks) | after the start |" in text
    )
    assert (
        "| `panel_papers` | Send papers to panel members | panel date | 5 working days | before the start |"
        in text
    )


def test_command_writes_then_checks(tmp_path):
    target = tmp_path / "timescales.md"
    call_command("timescales_doc", path=target, stdout=StringIO())
    assert target.read_text(encoding="utf-8") == render_timescales()
    call_command("timescales_doc", "--check", path=target, stdout=StringIO())

    target.write_text("stale\n", encoding="utf-8")
    with pytest.raises(CommandError, match="run `python manage.py timescales_doc`"):
        call_command("timescales_doc", "--check", path=target, stdout=StringIO())
