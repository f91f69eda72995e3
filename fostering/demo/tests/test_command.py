"""The demo_council management command."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fostering.accounts.models import Organisation

pytestmark = pytest.mark.django_db

ARGS = ["--scale", "small", "--seed", "5", "--today", "2026-03-02"]


def test_a_quiet_build_prints_nothing_and_a_second_build_is_refused():
    out, err = StringIO(), StringIO()
    call_command("demo_council", *ARGS, "--quiet", stdout=out, stderr=err)
    assert out.getvalue() == "" and err.getvalue() == ""
    assert Organisation.objects.filter(code="990").exists()
    with pytest.raises(CommandError, match="--replace"):
        call_command("demo_council", *ARGS, "--quiet", stdout=out)


def test_a_normal_build_prints_the_counts_and_one_login_per_role():
    out = StringIO()
    call_command("demo_council", *ARGS, stdout=out)
    text = out.getvalue()
    assert "Built the small demo (seed 5, today 02/03/2026)" in text
    assert "households.FosteringHousehold" in text
    assert "every password is demo-password-2026" in text
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Role "))
    assert lines[header].split() == ["Role", "Username", "Name"]
    rows = lines[header + 2 :]
    # one login per staff role, then the carers and applicants who signed up to the portal
    staff = [row for row in rows if not row.startswith(("Carer (", "Applicant ("))]
    assert len(staff) == 22  # one per staff role
    assert any(row.startswith("Carer (Mainstream") and "demo.carer " in row + " " for row in rows)
    assert any(row.startswith("Applicant (") and "demo.applicant" in row for row in rows)
    assert any(
        row.startswith("Supervising social worker") and "demo.supervising_social_worker" in row
        for row in rows
    )

    logins = StringIO()
    call_command("demo_council", "--logins", stdout=logins)
    assert logins.getvalue().splitlines()[-len(rows) :] == rows


def test_logins_without_a_demo_council_says_how_to_build_one():
    with pytest.raises(CommandError, match="run manage.py demo_council"):
        call_command("demo_council", "--logins", stdout=StringIO())
