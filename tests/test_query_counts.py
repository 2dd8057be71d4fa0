"""Pages run a fixed number of queries, however many bodies, seats, people or meetings."""

from __future__ import annotations

import pytest

from tests.conftest import client_for
from tests.factories import (
    AppointmentFactory,
    BodyFactory,
    DeputyNominationFactory,
    InterestDeclarationFactory,
    MeetingFactory,
    SeatCategoryFactory,
    SeatFactory,
)
from tests.pages import page_queries

pytestmark = pytest.mark.django_db


def grow(world, size: int) -> None:
    """Add ``size`` seats (filled, with deputies and categories), bodies and meetings."""
    category = SeatCategoryFactory(body=world.body)
    for _ in range(size):
        seat = SeatFactory(body=world.body)
        seat.categories.add(category)
        appointment = AppointmentFactory(seat=seat)
        InterestDeclarationFactory(person=appointment.person)
        DeputyNominationFactory(seat=seat)
        MeetingFactory(body=world.body)
        public = BodyFactory(meets_in_public=True)
        MeetingFactory(body=public, held_in_public=True)
        SeatFactory(body=public, organisation=seat.organisation)


queries = page_queries


# Each figure counts the request's savepoint pair (ATOMIC_REQUESTS), the session, the user
# and the three role queries, then the page's own queries.
PAGES = {
    "/": 9,
    # dashboard: + meetings, 4 prefetches, 6 snapshot queries, the deputy nominations, the
    # two that number the meetings for co-chairs who take turns, and three for the duties
    # (the year's meetings, what is done, when the chairs took the chair)
    "/dashboard/": 24,
    "/bodies/": 8,
    "/bodies/alpha/": 13,
    "/people/": 10,
    "/organisations/": 8,
    "/meetings/": 9,
    "/meetings/?when=past": 9,
}


@pytest.mark.parametrize("url", PAGES)
def test_page_queries_do_not_grow_with_the_data(world, url):
    client = client_for(world, "all_bodies_clerk")
    grow(world, 2)
    small = queries(client, url)
    grow(world, 20)
    large = queries(client, url)
    assert small == large
    assert large <= PAGES[url]


def test_the_organisation_page_queries_do_not_grow(world):
    client = client_for(world, "all_bodies_clerk")
    organisation = world.body.seats.first().organisation
    url = f"/organisations/{organisation.slug}/"
    small = queries(client, url)
    for _ in range(15):
        AppointmentFactory(seat=SeatFactory(body=world.body, organisation=organisation))
    assert queries(client, url) == small <= 11


def test_the_person_page_queries_do_not_grow(world):
    client = client_for(world, "all_bodies_clerk")
    person = world.users["member"].person
    url = f"/people/{person.pk}/"
    small = queries(client, url)
    for _ in range(10):
        AppointmentFactory(person=person, seat=SeatFactory(body=world.body))
        InterestDeclarationFactory(person=person)
    assert queries(client, url) == small <= 11
