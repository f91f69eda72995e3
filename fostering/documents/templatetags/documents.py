"""``{% documents_section record %}``: the documents and draft letters of a record, on its own page."""

from __future__ import annotations

from typing import Any

from django import template

from fostering.accounts.permissions import Perm, has_perm

from ..choices import LETTERS_FOR
from ..records import kind_of
from ..selectors import documents_of, drafts_of

register = template.Library()


@register.inclusion_tag("documents/section.html", takes_context=True)
def documents_section(context: template.Context, record: Any) -> dict[str, Any]:
    """Shown on a page that has already found ``record`` for this user through its selector."""
    user = context["request"].user
    kind = kind_of(record)
    where = {"organisation_id": record.organisation_id, "record_kind": kind, "record_id": record.pk}
    can_write = kind in LETTERS_FOR and has_perm(user, Perm.WRITE_LETTER, record.organisation_id)
    return {
        "documents": list(documents_of(**where)),
        "drafts": list(drafts_of(**where)) if can_write else [],
        "upload_url": f"documents:upload_{kind}",
        "letter_url": f"documents:letter_{kind}",
        "record": record,
        "can_upload": has_perm(user, Perm.ADD_DOCUMENT, record.organisation_id),
        "can_write": can_write,
    }
