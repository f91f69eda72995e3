"""Money reads the same on every page: pounds with a thousands separator and pence."""

from __future__ import annotations

from decimal import Decimal

from django.template import Context, Template

from fostering.core.templatetags.money import money


def test_amounts_have_a_thousands_separator_and_pence():
    assert money(Decimal("570228")) == "£570,228.00"
    assert money(Decimal("1234.5")) == "£1,234.50"
    assert money(Decimal("-770")) == "−£770.00"
    assert money(None) == ""


def test_a_weekly_cost_on_a_page_has_its_separator():
    rendered = Template("{% load money %}{{ cost|money }} a week").render(
        Context({"cost": Decimal("570228.00")})
    )
    assert rendered == "£570,228.00 a week"


def test_no_template_writes_a_pound_sign_before_a_bare_amount():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    bare = [str(path.relative_to(root)) for path in root.rglob("*.html") if "£{{" in path.read_text()]
    assert bare == []
