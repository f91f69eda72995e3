"""One public form token sent several times at the same moment on PostgreSQL (separate connections): the
unique row of its one use lets one enquiry through. SQLite serialises writers, so this runs on PostgreSQL;
the same guard is tested one after the other on both databases in test_public_form.py."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from fostering.recruitment import services
from fostering.recruitment.models import Enquiry, UsedFormToken
from tests.markers import postgresql_only

pytestmark = [
    pytest.mark.django_db(transaction=True),
    postgresql_only,  # needs separate connections
]


def test_one_token_sent_eight_times_at_once_saves_one_enquiry(council):
    senders = 8
    barrier = threading.Barrier(senders)
    results: list[str] = [""] * senders

    def send(index: int) -> None:
        from django.db import connection as own

        try:
            barrier.wait()
            services.public_enquiry_receive(
                organisation=council,
                nonce="the-one-nonce",
                token_max_age=timedelta(hours=2),
                first_name="Jordan",
                last_name="Lee",
                email=f"person{index}@example.com",
            )
            results[index] = "saved"
        except services.FormTokenUsed:
            results[index] = "used"
        finally:
            own.close()

    threads = [threading.Thread(target=send, args=(i,)) for i in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(results) == ["saved"] + ["used"] * (senders - 1)
    assert Enquiry.objects.count() == 1
    assert UsedFormToken.objects.count() == 1
