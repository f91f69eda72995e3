"""The public enquiry form under abuse: replayed and borrowed tokens, floods, duplicates, bad phone numbers.

Each token is taken from the page as a visitor's browser would, so the tests hold whatever the token is.
"""

import re
from datetime import datetime, timedelta

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.deadlines.calendar import LONDON
from fostering.recruitment.models import Enquiry
from fostering.recruitment.tests import factories

pytestmark = pytest.mark.django_db

NOW = datetime(2024, 3, 14, 14, 0, tzinfo=LONDON)
PHONE_ERROR = "Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"


class Clock:
    """The service's clock, fixed and moved by the test."""

    def __init__(self) -> None:
        self.moment = NOW

    def now(self) -> datetime:
        return self.moment


@pytest.fixture
def clock(monkeypatch):
    fixed = Clock()
    monkeypatch.setattr("fostering.core.clock.now", fixed.now)
    monkeypatch.setattr("fostering.core.clock.today", lambda: fixed.moment.date())
    cache.clear()
    yield fixed
    cache.clear()


def token_from(client, org, clock, *, seconds_ago: float = 30) -> str:
    """The hidden 'started' value of the form as it was shown ``seconds_ago``."""
    now = clock.moment
    clock.moment = now - timedelta(seconds=seconds_ago)
    body = client.get(reverse("recruitment:enquire", args=[org.code])).content.decode()
    clock.moment = now
    found = re.search(r'name="started" value="([^"]+)"', body)
    assert found is not None
    return found.group(1)


def post(client, org, token: str, *, address: str = "192.0.2.10", follow: bool = False, **values):
    data = {
        "first_name": "Jordan",
        "last_name": "Lee",
        "email": "jordan@example.com",
        "phone": "",
        "postcode": "",
        "source": "",
        "started": token,
        "website": "",
    } | values
    return client.post(
        reverse("recruitment:enquire", args=[org.code]), data, REMOTE_ADDR=address, follow=follow
    )


THANKS = "/thank-you/"


def test_one_form_token_saves_one_enquiry_and_a_second_post_with_it_saves_nothing(client, council, clock):
    token = token_from(client, council, clock)
    first = post(client, council, token, email="first@example.com")
    second = post(client, council, token, email="second@example.com")
    assert first["Location"].endswith(THANKS) and second["Location"].endswith(THANKS)
    assert list(Enquiry.objects.values_list("email", flat=True)) == ["first@example.com"]


def test_a_token_from_another_councils_form_saves_nothing(client, council, other_council, clock):
    token = token_from(client, other_council, clock)
    response = post(client, council, token)
    assert response["Location"].endswith(THANKS)
    assert Enquiry.objects.count() == 0
    # the same visitor on the right council's form is heard
    post(client, council, token_from(client, council, clock))
    assert Enquiry.objects.get().organisation == council


def test_a_token_shown_more_than_two_hours_ago_saves_nothing(client, council, clock):
    stale = token_from(client, council, clock, seconds_ago=2 * 3600 + 60)
    assert post(client, council, stale)["Location"].endswith(THANKS)
    assert Enquiry.objects.count() == 0
    fresh = token_from(client, council, clock, seconds_ago=2 * 3600 - 60)
    post(client, council, fresh)
    assert Enquiry.objects.count() == 1


def test_posts_beyond_the_limit_from_one_address_are_answered_429_and_save_nothing(
    client, council, clock, settings
):
    settings.FOSTERING_ENQUIRY_POSTS_PER_HOUR = 3
    answers = [
        post(client, council, token_from(client, council, clock), email=f"person{n}@example.com")
        for n in range(5)
    ]
    assert [a.status_code for a in answers] == [302, 302, 302, 429, 429]
    assert Enquiry.objects.count() == 3
    refused = answers[3]
    body = refused.content.decode()
    assert "You have sent too many enquiries" in body
    assert 'class="govuk-heading-l"' in body and "Try again in an hour" in body
    assert refused["Retry-After"] == "3600"
    # another address is not held back, and the first is heard again in the next hour
    other = post(
        client, council, token_from(client, council, clock), address="198.51.100.7", email="x@example.com"
    )
    assert other.status_code == 302 and Enquiry.objects.count() == 4
    clock.moment = NOW + timedelta(hours=1)
    later = post(client, council, token_from(client, council, clock), email="y@example.com")
    assert later.status_code == 302 and Enquiry.objects.count() == 5


def test_a_duplicate_enquiry_is_thanked_like_any_other_and_flagged_to_staff(
    client, council, make_staff, clock
):
    earlier = factories.enquiry(council, email="jordan@example.com", phone="07700 900123")
    response = post(client, council, token_from(client, council, clock), email="JORDAN@example.com")
    assert response.status_code == 302 and response["Location"].endswith(THANKS)
    by_phone = post(
        client, council, token_from(client, council, clock), email="", phone="07700900123", first_name="Jo"
    )
    assert by_phone["Location"].endswith(THANKS)
    assert "already open" not in client.get(response["Location"]).content.decode()
    assert Enquiry.objects.count() == 1
    repeats = list(earlier.repeats.order_by("id").values_list("matched_on", "first_name", "received_at"))
    assert repeats == [("email", "Jordan", NOW), ("phone", "Jo", NOW)]
    client.force_login(make_staff(council, Role.RECRUITMENT_COORDINATOR))
    page = client.get(reverse("recruitment:enquiry_detail", args=[earlier.pk])).content.decode()
    assert "Enquired again 2 times" in page and "14 March 2024, 14:00" in page


def test_a_phone_number_that_is_not_one_is_refused_beside_the_field(client, council, clock):
    response = post(client, council, token_from(client, council, clock), email="", phone="call me maybe")
    body = response.content.decode()
    assert response.status_code == 200
    assert PHONE_ERROR in body and 'id="id_phone_1_error"' in body
    assert Enquiry.objects.count() == 0


@pytest.mark.parametrize(
    "given, stored",
    [
        ("07700 900 982", "07700 900982"),
        ("+44 808 157 0192", "0808 157 0192"),
        ("01632 960 001", "01632 960001"),
        ("(0116) 4960123", "0116 496 0123"),
    ],
)
def test_uk_phone_numbers_in_any_usual_form_are_accepted_and_kept_alike(
    client, council, clock, given, stored
):
    post(client, council, token_from(client, council, clock), email="", phone=given)
    assert Enquiry.objects.get().phone == stored


def test_the_client_address_is_the_peer_unless_proxies_are_counted(settings):
    from fostering.core.http import client_address

    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.1")
    assert client_address(request) == "10.0.0.2"
    settings.FOSTERING_PROXY_COUNT = 1
    assert client_address(request) == "10.0.0.1"
    settings.FOSTERING_PROXY_COUNT = 2
    assert client_address(request) == "203.0.113.9"


def test_the_thank_you_page_names_the_council_gives_a_reference_and_says_when_we_reply(
    client, council, clock, service_manager
):
    response = post(client, council, token_from(client, council, clock), follow=True)
    page = response.content.decode()
    enquiry = Enquiry.objects.get()
    reference = re.search(r"data-reference>([A-Z2-7]{4}-[A-Z2-7]{4})<", page)
    assert reference is not None
    # received at 2pm on a Thursday: 2 working hours later is 4pm the same day
    assert "contact you by 4:00" in page and "on Thursday 14 March 2024" in page
    assert 'class="app-header__organisation">Wrexfordshire County Council<' in page
    assert "Fostering service, run by Wrexfordshire County Council." in page
    # staff see the same reference on the enquiry
    client.force_login(service_manager)
    detail = client.get(reverse("recruitment:enquiry_detail", args=[enquiry.pk])).content.decode()
    assert reference.group(1) in detail


def test_the_public_pages_never_say_the_service_is_run_by_the_service(client, council):
    page = client.get(reverse("recruitment:enquire", args=[council.code])).content.decode()
    assert "run by Fostering service" not in page and "run by Wrexfordshire County Council" in page
    sign_in = client.get(reverse("accounts:login")).content.decode()
    assert "run by" not in sign_in
    assert f'href="{reverse("accounts:password_reset")}"' in sign_in and "Forgotten your password?" in sign_in
