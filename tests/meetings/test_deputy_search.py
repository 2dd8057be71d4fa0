"""Choosing a deputy on the apology form is a search, not a list of everyone: the nominated
deputies first, then the people found for what the clerk typed (as they type, or when the
form is sent without JavaScript), only among the people the clerk may look up."""

from __future__ import annotations

import datetime

import pytest

from governance.rules.words import LONDON
from meetings.models import Apology
from members.models import Appointment, DeputyNomination
from tests.factories import PersonFactory

from .workspace import seed_body, signed_in

pytestmark = pytest.mark.django_db
MEETING = datetime.datetime(2027, 3, 11, 14, 0, tzinfo=LONDON)


@pytest.fixture
def lie():
    setting = seed_body("leicestershire-integration-executive", starts_at=MEETING)
    nominated = PersonFactory(given_name="Nadia", family_name="Nominee")
    DeputyNomination.objects.create(
        person=nominated,
        seat=setting.body.seats.get(key="director-public-health"),
        starts_on=datetime.date(2026, 1, 1),
    )
    return setting, nominated


def known(setting, **names):
    """Someone the clerk may look up: a former member of the body."""
    person = PersonFactory(**names)
    Appointment.objects.create(
        person=person,
        seat=setting.body.seats.get(key="director-public-health"),
        place=1,
        starts_on=datetime.date(2020, 1, 1),
        ends_on=datetime.date(2022, 12, 31),
    )
    return person


def options(page: str) -> int:
    return page.count("<option")


def test_the_form_lists_the_nominated_deputies_not_everyone(lie):
    setting, nominated = lie
    client = signed_in(setting.clerk)
    before = options(client.get(f"/meetings/{setting.meeting.pk}/agenda/").content.decode())
    for _ in range(30):
        known(setting)
    page = client.get(f"/meetings/{setting.meeting.pk}/agenda/").content.decode()
    assert options(page) == before
    assert f"{nominated.full_name} (nominated for the Director of Public Health)" in page or (
        f"{nominated.full_name} (nominated for Director of Public Health)" in page
    )
    assert 'hx-get="/meetings/' in page and "Or find someone else to deputise" in page


def test_typing_a_name_finds_the_people_who_match(lie):
    setting, _ = lie
    known(setting, given_name="Priya", family_name="Okonkwo-Smith")
    known(setting, given_name="Peter", family_name="Smithers")
    for _ in range(25):
        known(setting, family_name="Jones")
    PersonFactory(given_name="Stranger", family_name="Smith")  # not connected with the body
    client = signed_in(setting.clerk)
    url = f"/meetings/{setting.meeting.pk}/apologies/deputies/"
    found = client.get(url, {"find": "smith"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Priya Okonkwo-Smith" in found and "Peter Smithers" in found
    assert 'id="deputy-field"' in found and "Jones" not in found and "Stranger" not in found
    both = client.get(url, {"find": "pri smith"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Priya Okonkwo-Smith" in both and "Peter Smithers" not in both
    many = client.get(url, {"find": "jones"}, HTTP_HX_REQUEST="true").content.decode()
    assert many.count("Jones") == 20  # the first twenty; typing more narrows them


def test_without_javascript_the_search_runs_when_the_form_is_sent(lie):
    setting, _ = lie
    found = known(setting, given_name="Priya", family_name="Okonkwo")
    member = setting.holders["managing-director-wlccg"]
    client = signed_in(setting.clerk)
    url = f"/meetings/{setting.meeting.pk}/apologies/"
    seat = f"managing-director-wlccg:{member.pk}"  # a designate may attend
    asked = client.post(url, {"seat": seat, "find": "okonkwo"})
    assert asked.status_code == 400
    page = asked.content.decode()
    assert "Choose the deputy from the 1 found for “okonkwo”." in page
    assert f'<option value="{found.pk}">Priya Okonkwo</option>' in page
    assert 'value="okonkwo"' in page  # what was typed is kept
    for _ in range(21):
        known(setting, family_name="Adams")
    many = client.post(url, {"seat": seat, "find": "adams"}).content.decode()
    assert "or type more of their name" in many
    nobody = client.post(url, {"seat": seat, "find": "zzyzx"}).content.decode()
    assert "No one whose name contains “zzyzx” was found" in nobody
    chosen = client.post(url, {"seat": seat, "find": "okonkwo", "deputy": found.pk})
    assert chosen.status_code == 302
    assert Apology.objects.get().deputy == found


def test_a_clerk_cannot_name_or_find_someone_outside_the_bodies_they_serve(lie):
    setting, _ = lie
    other = seed_body("south-east-london-icp", starts_at=MEETING)
    outsider = other.holders["icb-chair"]
    client = signed_in(setting.clerk)
    found = client.get(
        f"/meetings/{setting.meeting.pk}/apologies/deputies/", {"find": outsider.family_name}
    ).content.decode()
    assert outsider.full_name not in found
    member = setting.holders["director-public-health"]
    refused = client.post(
        f"/meetings/{setting.meeting.pk}/apologies/",
        {"seat": f"director-public-health:{member.pk}", "deputy": outsider.pk},
    )
    assert refused.status_code == 400 and not Apology.objects.exists()
