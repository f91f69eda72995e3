"""The one place a page reads a record id from its query string (``?worker=12``).

An id is ASCII digits from 1 to ``MAX_ID``, the largest primary key the database holds (``BigAutoField``);
anything else (beyond that range, negative, not digits) is ``None``, which a page treats as no filter, as
it does a missing one. The API refuses the same values with a 422 (``api.schemas.FilterId``).
"""

from __future__ import annotations

import re

MAX_ID = 2**63 - 1
_DIGITS = re.compile(r"[0-9]{1,25}")


def record_id(text: str | None) -> int | None:
    if text is None or not _DIGITS.fullmatch(text):
        return None
    value = int(text)
    return value if 1 <= value <= MAX_ID else None
