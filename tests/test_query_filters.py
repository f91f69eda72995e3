"""A record id in a page's query string (``?worker=``, ``?enquiry=``) is read by ``core.params``: one the
database cannot hold is no filter (like any other value that is not an id), never a server error."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.core.params import MAX_ID, record_id
from tests import builders

pytestmark = pytest.mark.django_db

WILD = ["9" * 20, str(MAX_ID + 1), "-1", "0", "1e3", "١٢", " 12", ""]


@pytest.mark.parametrize("value", WILD)
@pytest.mark.parametrize(
    ("url", "name", "role"),
    [
        ("assessments:list", "worker", Role.ASSESSMENT_MANAGER),
        ("assessments:add", "enquiry", Role.ASSESSMENT_MANAGER),
        ("kinship:list", "worker", Role.SERVICE_MANAGER),
        ("kinship:start", "child", Role.KINSHIP_WORKER),
    ],
)
def test_a_wild_id_in_the_query_string_is_no_filter(client, council, url, name, role, value):
    client.force_login(builders.staff(council, role))
    response = client.get(reverse(url), {name: value})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", 12),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        ("9" * 20, None),
        ("0", None),
        ("-1", None),
        ("", None),
        (None, None),
        ("١٢", None),
        ("12 ", None),
        ("0012", 12),
    ],
)
def test_a_record_id_is_ascii_digits_within_the_databases_range(text, expected):
    assert record_id(text) == expected
