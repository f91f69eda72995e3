"""Letters: each council's templates (seeded on first use), the draft's text filled from the record, and
the issued letter as a PDF (WeasyPrint, as the panel's papers).

A template's ``{{ name }}`` places are filled from ``context_for``; an unknown name is left as written,
so a manager sees it in the draft. No template language runs on what a manager types.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

from fostering.accounts.models import Organisation
from fostering.core import clock
from fostering.core.dates import long_date
from fostering.deadlines.calendar import to_london

from .choices import LetterKind, RecordKind
from .models import Letter, LetterTemplate
from .records import record_name

IRM_URL = "https://www.gov.uk/government/publications/independent-review-mechanism"

DEFAULTS: dict[str, tuple[str, str]] = {
    LetterKind.ADM_APPROVAL: (
        "Your approval as foster carers",
        "Dear {{ name }}\n\n"
        "The fostering panel met on {{ panel_date }} and recommended that you be approved as foster "
        "carers. I have considered the panel's recommendation and the information before it, and I have "
        "decided to approve you as foster carers for {{ council }}.\n\n"
        "Your terms of approval are: {{ terms }}.\n\n"
        "Your supervising social worker will contact you to talk about what happens next.\n\n"
        "Yours sincerely\n\nAgency decision maker\n{{ council }}",
    ),
    LetterKind.QUALIFYING_DETERMINATION: (
        "Our proposal about your approval",
        "Dear {{ name }}\n\n"
        "The fostering panel met on {{ panel_date }}. I have considered its recommendation and I propose "
        "not to approve you as foster carers. This is a qualifying determination.\n\n"
        "You have 28 days from the date of this letter, until {{ respond_by }}, to do one of these:\n\n"
        "- send us your written observations, which I will consider before I make my final decision\n"
        "- apply to the Independent Review Mechanism (IRM) for a review of this determination\n\n"
        "You can find out how to apply to the IRM at " + IRM_URL + "\n\n"
        "If we do not hear from you by {{ respond_by }}, I will make my final decision.\n\n"
        "Yours sincerely\n\nAgency decision maker\n{{ council }}",
    ),
    LetterKind.ENQUIRY_ACKNOWLEDGEMENT: (
        "Thank you for your enquiry about fostering",
        "Dear {{ name }}\n\n"
        "Thank you for your enquiry about fostering with {{ council }}, received on {{ received }}. "
        "Your reference is {{ reference }}.\n\n"
        "Someone from our fostering team will contact you within 2 working days to talk about fostering "
        "and answer your questions.\n\n"
        "Yours sincerely\n\nFostering recruitment team\n{{ council }}",
    ),
    LetterKind.PANEL_INVITATION: (
        "Invitation to the fostering panel",
        "Dear {{ name }}\n\n"
        "You are invited to the fostering panel on {{ panel_date }} at {{ panel_time }}, at "
        "{{ panel_venue }}.\n\n"
        "The panel will consider your case and make a recommendation to the agency decision maker. "
        "Your social worker will tell you what to expect and can come with you.\n\n"
        "Please tell us if you cannot attend, or if you need any help to take part.\n\n"
        "Yours sincerely\n\nPanel administrator\n{{ council }}",
    ),
    LetterKind.REVIEW_INVITATION: (
        "Your foster carer review",
        "Dear {{ name }}\n\n"
        "It is time for your foster carer review. Your reviewing officer will contact you to arrange a "
        "date.\n\n"
        "Before the review we will ask for your views, and the views of your supervising social worker "
        "and of the children you care for.\n\n"
        "Yours sincerely\n\nFostering service\n{{ council }}",
    ),
}

_PLACE = re.compile(r"\{\{\s*(\w+)\s*\}\}")


def templates_ensure(*, organisation_id: int) -> dict[str, LetterTemplate]:
    """The council's templates by kind, each saved with the default wording the first time it is used."""
    existing = {t.kind: t for t in LetterTemplate.objects.filter(organisation_id=organisation_id)}
    for kind, (subject, body) in DEFAULTS.items():
        if kind not in existing:
            existing[kind], _ = LetterTemplate.objects.get_or_create(
                organisation_id=organisation_id, kind=kind, defaults={"subject": subject, "body": body}
            )
    return existing


def _terms(item: Any) -> str:
    if item.number_of_children is None:
        return "as set out in the panel's recommendation"
    children = "1 child" if item.number_of_children == 1 else f"up to {item.number_of_children} children"
    if item.age_min is not None and item.age_max is not None:
        return f"{children} aged {item.age_min} to {item.age_max}"
    return children


def context_for(kind: str, record: Any, organisation: Organisation) -> dict[str, str]:
    today = clock.today()
    context = {
        "council": organisation.name,
        "date": long_date(today),
        "name": record_name(kind, record),
        "respond_by": long_date(today + timedelta(days=28)),
    }
    if kind == RecordKind.PANEL_ITEM:
        meeting = record.meeting
        context |= {
            "panel_date": long_date(meeting.meets_on),
            "panel_time": meeting.starts_at.strftime("%-I:%M%p").lower(),
            "panel_venue": meeting.venue,
            "terms": _terms(record),
        }
    elif kind == RecordKind.ENQUIRY:
        context |= {
            "reference": f"ENQ-{record.pk}",
            "received": long_date(to_london(record.received_at).date()),
        }
    return context


def fill(text: str, context: dict[str, str]) -> str:
    return _PLACE.sub(lambda m: context.get(m.group(1), m.group(0)), text)


def letter_pdf(letter: Letter, *, organisation: Organisation, recipient: str) -> bytes:
    from weasyprint import CSS, HTML

    paragraphs = [p.strip() for p in letter.body.replace("\r\n", "\n").split("\n\n") if p.strip()]
    html = render_to_string(
        "documents/letter_pdf.html",
        {
            "letter": letter,
            "council": organisation.name,
            "recipient": recipient,
            "issued": long_date(letter.issued_on or clock.today()),
            "paragraphs": [p.split("\n") for p in paragraphs],
        },
    )
    stylesheet = CSS(filename=Path(__file__).parent / "static" / "documents" / "letter_pdf.css")
    return bytes(HTML(string=html).write_pdf(stylesheets=[stylesheet]))
