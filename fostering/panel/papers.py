"""One pack of papers per case: the case summary, the household and its members with their checks, the
assessment's stages and sessions, and the recommendation sought. Read on screen or as one PDF (WeasyPrint)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

from fostering.people.selectors import household_members

from .choices import ALLOWED, ItemKind
from .models import PanelItem

SOUGHT = {
    ItemKind.APPROVAL: "Approval as foster carers, with the terms of approval proposed",
    ItemKind.KINSHIP_APPROVAL: "Approval as connected person foster carers for the named child",
    ItemKind.REG25_EXTENSION: "The panel's views on extending the temporary approval (Regulation 25)",
    ItemKind.FIRST_REVIEW: "Continued approval after the first annual review",
    ItemKind.FOLLOWING_CONCERNS: "Continued approval after the review following concerns",
    ItemKind.REFERRED_REVIEW: "Continued approval, or new terms, after the annual review referred to panel",
    ItemKind.TERMS_CHANGE: "New terms of approval",
    ItemKind.DEREGISTRATION: "Termination of approval (deregistration)",
}


def papers_context(item: PanelItem) -> dict[str, Any]:
    kind = ItemKind(item.kind)
    members = household_members(item.household).filter(left_on__isnull=True).prefetch_related("checks")
    assessment = item.assessment
    fh = item.fostering_household or (
        item.household_review.fostering_household if item.household_review else None
    )
    return {
        "item": item,
        "meeting": item.meeting,
        "sought": SOUGHT[kind],
        "options": [r.label for r in ALLOWED[kind]],
        "members": members,
        "assessment": assessment,
        "stage_changes": assessment.stage_changes.order_by("changed_on", "id") if assessment else [],
        "sessions": assessment.sessions.order_by("held_on", "id") if assessment else [],
        "kinship": item.kinship_assessment,
        "fh": fh,
        "terms": fh.terms.filter(effective_to__isnull=True).first() if fh else None,
        "review": item.household_review,
    }


def papers_pdf(item: PanelItem) -> bytes:
    from weasyprint import CSS, HTML

    html = render_to_string("panel/papers_pdf.html", papers_context(item))
    stylesheet = CSS(filename=Path(__file__).parent / "static" / "panel" / "papers_pdf.css")
    return bytes(HTML(string=html).write_pdf(stylesheets=[stylesheet]))
