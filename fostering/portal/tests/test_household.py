"""A carer's household pages: their views for the review (seen by the reviewing officer, then part of the
review), the review's recommendation without the officer's notes, their training, and booking a course."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from fostering.accounts.roles import Role
from fostering.core import clock
from fostering.households import life, training
from fostering.households.choices import ReviewRecommendation
from fostering.households.models import CourseBooking
from fostering.households.services import household_review_record
from fostering.households.tests import factories as household_factories
from fostering.people.choices import MemberRole
from tests import builders

from .factories import portal_client, signed_up

pytestmark = pytest.mark.django_db


@pytest.fixture
def carer_world(council, make_staff):
    fh = builders.approved_household(council, name="Okafor household", approved_on=date(2024, 1, 10))
    user, access = signed_up(fh)
    return fh, user, access


def test_a_carer_gives_views_the_reviewing_officer_sees_them_and_they_join_the_review(
    council, make_staff, carer_world
):
    fh, user, _ = carer_world
    officer = make_staff(council, Role.REVIEWING_OFFICER)
    carer = portal_client(user)
    page = carer.get(reverse("portal:household_review"))
    assert "Your next annual review is due by <strong>10 January 2025</strong>" in page.content.decode()
    response = carer.post(reverse("portal:household_review"), {"summary": "We would like more respite"})
    assert response.status_code == 302
    staff = Client()
    staff.force_login(officer)
    body = staff.get(reverse("households:detail", args=[fh.pk])).content.decode()
    assert "Views given ahead of the next review" in body and "We would like more respite" in body
    review = household_review_record(
        fostering_household=fh,
        held_on=clock.today(),
        reviewing_officer=officer,
        recommendation=ReviewRecommendation.CONTINUE,
        summary="Officer's private notes about the household",
        by=officer,
    )
    assert [v.summary for v in review.views.all()] == ["We would like more respite"]
    body = staff.get(reverse("households:review_detail", args=[review.pk])).content.decode()
    assert "We would like more respite" in body
    body = carer.get(reverse("portal:household_review")).content.decode()
    assert "Continue approval on the same terms" in body
    assert "Officer&#x27;s private notes" not in body and "private notes" not in body


def test_an_empty_view_is_refused_on_the_page(carer_world):
    _, user, _ = carer_world
    response = portal_client(user).post(reverse("portal:household_review"), {"summary": ""})
    assert response.status_code == 200 and "Enter your views" in response.content.decode()


def test_the_training_page_shows_courses_done_tsd_and_places_left(council, make_staff, carer_world):
    fh, user, _ = carer_world
    member = fh.household.members.get(role=MemberRole.CARER)
    life.training_record(
        fostering_household=fh,
        member=member,
        course="Paediatric first aid",
        attended_on=date(2024, 5, 1),
        hours=Decimal("6"),
        by=None,
    )
    household_factories.course(council, title="Life story work", places=4)
    body = portal_client(user).get(reverse("portal:household_training")).content.decode()
    assert "Paediatric first aid" in body
    assert "Complete the TSD standards by 10 January 2025" in body
    assert "Life story work" in body and "4 places left" in body


def test_a_carer_books_a_full_course_waits_and_moves_up_when_a_place_is_cancelled(
    council, make_staff, carer_world
):
    fh, user, access = carer_world
    other = builders.approved_household(council, name="Patel household")
    other_user, _ = signed_up(other)
    course = household_factories.course(council, title="Managing behaviour", places=1)
    first = portal_client(other_user)
    first.post(reverse("portal:household_course", args=[course.pk]), {"action": "book"})
    carer = portal_client(user)
    carer.post(reverse("portal:household_course", args=[course.pk]), {"action": "book"})
    booking = CourseBooking.objects.get(fostering_household=fh)
    assert booking.status == "waiting" and booking.email == access.email
    body = carer.get(reverse("portal:household_course", args=[course.pk])).content.decode()
    assert "You are number 1 on the waiting list" in body
    first.post(reverse("portal:household_course", args=[course.pk]), {"action": "cancel"})
    booking.refresh_from_db()
    assert booking.status == "booked"
    home = carer.get(reverse("portal:home")).content.decode()
    assert "Your next course" in home and "Managing behaviour" in home
    assert 'href="/my/household/review/"' in home and 'href="/my/household/training/"' in home


def test_booking_twice_or_a_started_course_is_refused_on_the_page(council, carer_world):
    fh, user, _ = carer_world
    course = household_factories.course(council)
    carer = portal_client(user)
    url = reverse("portal:household_course", args=[course.pk])
    carer.post(url, {"action": "book"})
    response = carer.post(url, {"action": "book"})
    assert "has booked this course already" in response.content.decode()
    assert CourseBooking.objects.count() == 1
    training.booking_cancel(booking=CourseBooking.objects.get(), by=None)
    course.__class__.objects.filter(pk=course.pk).update(starts_on=clock.today() - timedelta(days=1))
    body = carer.get(url).content.decode()
    assert "This course can no longer be booked" in body
    response = carer.post(url, {"action": "book"})
    assert "can no longer be booked" in response.content.decode()
    assert CourseBooking.objects.filter(status="booked").count() == 0
