"""The reference an enquirer is given on the public form's thank-you page, and staff see on the enquiry.

Derived from the record's id, keyed with the service's secret so that it does not reveal the order of
enquiries (nobody can tell from a reference whether an enquiry of theirs was already open), and stable
for as long as the secret key is. Eight letters and digits in two groups, without 0, 1, 8 or 9.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from django.conf import settings


def reference(kind: str, pk: int) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"fostering:{kind}:{pk}".encode(), hashlib.sha256
    ).digest()
    code = base64.b32encode(digest).decode()[:8]
    return f"{code[:4]}-{code[4:]}"


def enquiry_reference(enquiry_id: int) -> str:
    return reference("enquiry", enquiry_id)


def repeat_reference(repeat_id: int) -> str:
    return reference("enquiry_repeat", repeat_id)
