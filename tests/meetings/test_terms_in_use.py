"""The terms' second edition as the clerk meets it in the pages: posts in attendance kept apart
in the console, co-chairs who alternate, a deputy needing both co-chairs' agreement, a deputy
for a member who is present refused."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from governance.rules.words import LONDON
from meetings.models import Apology, Attendance, Meeting
from members.models import DeputyNomination
from tests.factories import PersonFactory

from . import workspace
from .test_console_pages import SEL_TWELVE, arrive, go_to, post, text
from .workspace import open_sitting, row, seed_body, signed_in

pytestmark = pytest.mark.django_db
MEETING = datetime.datetime(2027, 1, 14, 14, 0, tzinfo=LONDON)
NOW = MEETING + datetime.timedelta(minutes=5)
AUDIT = "examples/trust-audit-committee"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=True) as traveller:
        yield traveller


def test_posts_in_attendance_have_their_own_grid_and_never_count():
    audit = open_sitting(AUDIT, starts_at=MEETING)
    client = signed_in(audit.clerk)
    arrive(client, audit, ["committee-chair", "director-of-finance", "company-secretary"])
    response = client.get(f"/meetings/{audit.meeting.pk}/console/")
    page = text(response)
    assert "In attendance, not members (never counted)" in page
    grids = response.content.decode().split('id="standing-attendees"')
    members, standing = grids[0].split('id="attendance-grid"')[1], grids[1].split("</table>")[0]
    assert "Director of Finance" in standing and "Company Secretary" in standing
    assert "Non-executive director" not in standing and "Director of Finance" not in members
    assert "Not quorate" in page and "1 counted of 2 required" in page
    assert "the Director of Finance is in attendance and is not a member" in page


def test_the_deputy_form_offers_no_post_in_attendance():
    audit = open_sitting(AUDIT, starts_at=MEETING)
    page = signed_in(audit.clerk).get(f"/meetings/{audit.meeting.pk}/console/").content.decode()
    deputy_seats = page.split('id="id_deputy-seat"')[1].split("</select>")[0]
    assert "Non-executive director" in deputy_seats and "Director of Finance" not in deputy_seats


@pytest.fixture
def sel():
    setting = open_sitting("south-east-london-icp", starts_at=MEETING)
    client = signed_in(setting.clerk)
    workspace.arrive(setting, SEL_TWELVE, NOW)
    deputy = PersonFactory(given_name="Dana", family_name="Deputy")
    seat = setting.body.seats.get(key="chair-slam")
    DeputyNomination.objects.create(person=deputy, seat=seat, starts_on=datetime.date(2026, 1, 1))
    return setting, client, seat, deputy


def test_a_deputy_with_one_co_chairs_agreement_is_refused_and_the_ticks_kept(sel):
    setting, client, seat, deputy = sel
    refused = post(
        client,
        setting,
        "console/deputy",
        {"deputy-seat": seat.pk, "deputy-person": deputy.pk, "deputy-agreed_icb-chair": "on"},
    )
    assert refused.status_code == 400
    assert "The terms need both co-chairs' agreement: tick both, or neither." in text(refused)
    ticked = refused.content.decode().split('name="deputy-agreed_icb-chair"')[1].split(">")[0]
    assert "checked" in ticked
    assert not Attendance.objects.filter(meeting=setting.meeting, capacity="deputy").exists()


def test_a_deputy_with_both_co_chairs_agreement_counts_and_the_record_names_both(sel):
    setting, client, seat, deputy = sel
    agreed = post(
        client,
        setting,
        "console/deputy",
        {
            "deputy-seat": seat.pk,
            "deputy-person": deputy.pk,
            "deputy-agreed_icb-chair": "on",
            "deputy-agreed_elected-member-lewisham": "on",
        },
    )
    assert agreed.status_code == 200
    stored = Attendance.objects.get(meeting=setting.meeting, capacity="deputy")
    assert stored.chair_agreed_by == (
        "the co-chairs (Chair of the Integrated Care Board and Elected member or nominated "
        "cabinet member, Lewisham)"
    )
    assert "13 counted" in text(agreed)


def test_a_deputy_for_a_member_who_is_present_is_refused(sel):
    setting, client, _, deputy = sel
    present_seat = setting.body.seats.get(key="chair-gstt")
    refused = post(
        client,
        setting,
        "console/deputy",
        {
            "deputy-seat": present_seat.pk,
            "deputy-person": deputy.pk,
            "deputy-agreed_icb-chair": "on",
            "deputy-agreed_elected-member-lewisham": "on",
        },
    )
    assert refused.status_code == 400
    assert "is present" in text(refused)
    assert not Attendance.objects.filter(meeting=setting.meeting, capacity="deputy").exists()


def test_an_apology_with_a_deputy_records_both_co_chairs_agreement():
    setting = seed_body("south-east-london-icp", starts_at=MEETING + datetime.timedelta(days=30))
    deputy = PersonFactory()
    seat = setting.body.seats.get(key="chair-slam")
    DeputyNomination.objects.create(person=deputy, seat=seat, starts_on=datetime.date(2026, 1, 1))
    client = signed_in(setting.clerk)
    url = f"/meetings/{setting.meeting.pk}/apologies/"
    member = setting.holders["chair-slam"]
    half = client.post(
        url,
        {"seat": f"chair-slam:{member.pk}", "deputy": deputy.pk, "agreed_icb-chair": "on"},
    )
    assert half.status_code == 400
    assert "tick both, or neither" in half.content.decode()
    client.post(
        url,
        {
            "seat": f"chair-slam:{member.pk}",
            "deputy": deputy.pk,
            "agreed_icb-chair": "on",
            "agreed_elected-member-lewisham": "on",
        },
    )
    apology = Apology.objects.get()
    assert apology.chair_agreed and apology.chair_agreed_by.startswith("the co-chairs (")
    page = client.get(f"/meetings/{setting.meeting.pk}/agenda/").content.decode()
    assert "Agreed by the co-chairs (Chair of the Integrated Care Board and" in page


def test_co_chairs_who_alternate_take_the_chair_meeting_by_meeting():
    """SEL 9.2: "The co-chairs will alternate in chairing the meetings." """
    first = seed_body("south-east-london-icp", starts_at=MEETING)
    second = Meeting.objects.create(
        body=first.body,
        starts_at=MEETING + datetime.timedelta(days=63),
        ends_at=MEETING + datetime.timedelta(days=63, hours=2),
        location="Committee Room 1",
    )
    client = signed_in(first.clerk)
    icb_chair = first.holders["icb-chair"].full_name
    lewisham = first.holders["elected-member-lewisham"].full_name
    pages = {}
    for meeting in (first.meeting, second):
        client.post(f"/meetings/{meeting.pk}/agenda/start/")
        preview = client.get(f"/meetings/{meeting.pk}/agenda/preview/")
        pages[meeting.pk] = text(preview)
    assert (
        f"Chair for this meeting: {icb_chair}, the Chair of the Integrated Care Board, the "
        "co-chair whose turn it is." in pages[first.meeting.pk]
    )
    assert (
        f"Chair for this meeting: {lewisham}, the Elected member or nominated cabinet "
        "member, Lewisham, the co-chair whose turn it is." in pages[second.pk]
    )


def test_in_the_console_the_co_chair_whose_turn_it_is_presides():
    setting = open_sitting("south-east-london-icp", starts_at=MEETING)
    earlier = Meeting.objects.create(
        body=setting.body,
        starts_at=MEETING - datetime.timedelta(days=63),
        ends_at=MEETING - datetime.timedelta(days=63, hours=-2),
        location="Committee Room 1",
    )
    assert earlier.pk
    client = signed_in(setting.clerk)
    arrive(client, setting, ["icb-chair", "elected-member-lewisham"])
    page = text(client.get(f"/meetings/{setting.meeting.pk}/console/"))
    assert (
        "The Elected member or nominated cabinet member, Lewisham presides: it is their turn to "
        "chair." in page
    )
    assert row(setting, "icb-chair").status == "present"


def test_a_member_for_some_business_only_counts_and_votes_only_for_that_business():
    """Remuneration committee: "the Chief Executive is a member of the Committee for the
    appointment of executive directors only"."""
    setting = open_sitting(
        "examples/remuneration-committee",
        starts_at=MEETING,
        **{
            "Executive pay award": {"business_type": "remuneration"},
            "Appointment of a Director of Nursing": {"business_type": "executive-appointments"},
        },
    )
    client = signed_in(setting.clerk)
    workspace.arrive(setting, ["trust-chair", "ned-a", "ned-b", "chief-executive"], NOW)
    go_to(client, setting, "Executive pay award")
    pay = text(client.get(f"/meetings/{setting.meeting.pk}/console/"))
    assert "3 counted" in pay and "Each voter present (3)" in pay
    assert (
        "the Chief Executive is a member only for the appointment of executive directors, so is "
        "in attendance for this item" in pay
    )
    go_to(client, setting, "Appointment of a Director of Nursing")
    appointment = text(client.get(f"/meetings/{setting.meeting.pk}/console/"))
    assert "Quorate" in appointment and "4 counted" in appointment
    assert "Each voter present (4)" in appointment
