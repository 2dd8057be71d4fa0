"""A body's snapshot comes from the cache until anything it holds changes; then the next
request reads the change, whatever process made it. A cache that does not answer is a miss."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance import bodyfile
from governance.models import Body, Organisation
from governance.rules.words import LONDON
from governance.services import body_import
from members.models import Appointment
from members.snapshots import snapshot
from tests.factories import PersonFactory
from tests.meetings.workspace import seed_body

pytestmark = pytest.mark.django_db
DAY = datetime.date(2027, 1, 14)


@pytest.fixture
def lie():
    return seed_body(
        "leicestershire-integration-executive",
        starts_at=datetime.datetime(2027, 1, 14, 14, tzinfo=LONDON),
    )


def fresh(body: Body):
    """The snapshot as the next request would read it (with the body row read again)."""
    return snapshot(Body.objects.get(pk=body.pk), DAY)


def test_a_second_read_costs_no_query(lie):
    first = fresh(lie.body)
    body = Body.objects.get(pk=lie.body.pk)
    with CaptureQueriesContext(connection) as queries:
        again = snapshot(body, DAY)
    assert len(queries) == 0
    assert again.holders == first.holders and again.rules == first.rules


def test_a_new_holder_a_renamed_person_and_a_renamed_organisation_are_seen_at_once(lie):
    fresh(lie.body)
    seat = lie.body.seats.get(key="director-public-health")
    Appointment.objects.filter(seat=seat).delete()
    newcomer = PersonFactory(given_name="Nadia", family_name="Newcomer")
    Appointment.objects.create(person=newcomer, seat=seat, place=1, starts_on=DAY)
    assert fresh(lie.body).holders["director-public-health"] == ["Nadia Newcomer"]
    newcomer.family_name = "Married"
    newcomer.save()
    assert fresh(lie.body).holders["director-public-health"] == ["Nadia Married"]
    organisation = Organisation.objects.get(slug="leicestershire-county-council")
    organisation.name = "Leicestershire County Council (renamed)"
    organisation.save()
    names = fresh(lie.body).names.organisations
    assert names["leicestershire-county-council"] == "Leicestershire County Council (renamed)"


def test_a_seat_retitled_is_seen_at_once(lie):
    fresh(lie.body)
    seat = lie.body.seats.get(key="director-public-health")
    seat.title = "Director of Public Health and Wellbeing"
    seat.save()
    assert fresh(lie.body).names.seats["director-public-health"] == seat.title


def test_with_the_cache_down_the_snapshot_is_read_from_the_database(lie, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "config.quiet_cache.QuietRedisCache",
            "LOCATION": "redis://127.0.0.1:6399/1",  # nothing answers here
        }
    }
    caches.close_all()
    state = fresh(lie.body)
    assert state.holders["director-public-health"]


def test_an_import_raises_the_bodys_version_once_and_its_changes_are_seen(lie):
    """Importing saves every seat, yet the body's version is raised once, at the end (one
    UPDATE, not one for each record), and the next read has the import's changes."""
    fresh(lie.body)
    body_file = bodyfile.read(bodyfile.SHIPPED_DIR / "leicestershire-integration-executive.yaml")
    for seat in body_file.data["seats"]:
        seat["title"] += " (retitled)"
    before = Body.objects.get(pk=lie.body.pk).record_version
    with CaptureQueriesContext(connection) as queries:
        body_import(body_file=body_file)
    raises = [q for q in queries if "record_version" in q["sql"] and "UPDATE" in q["sql"]]
    assert len(raises) == 1
    assert Body.objects.get(pk=lie.body.pk).record_version == before + 1
    names = fresh(lie.body).names.seats
    assert names["director-public-health"].endswith("(retitled)")


def test_a_dry_run_raises_no_version(lie):
    before = Body.objects.get(pk=lie.body.pk).record_version
    body_file = bodyfile.read(bodyfile.SHIPPED_DIR / "leicestershire-integration-executive.yaml")
    body_file.data["seats"][0]["title"] += " (retitled)"
    body_import(body_file=body_file, dry_run=True)
    assert Body.objects.get(pk=lie.body.pk).record_version == before
