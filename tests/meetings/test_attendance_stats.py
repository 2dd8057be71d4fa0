"""A body's attendance over a period, as a page and a spreadsheet: cancelled meetings, and
meetings held with no attendance on record, are not counted; a deputy's attendance is theirs;
the public count only meetings held in public; the terms' expectation is applied; and the
page reads in the same queries however many meetings there are."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
import time_machine
import yaml
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from governance import bodyfile
from governance.rules.words import LONDON
from governance.services import body_import
from meetings.models import Apology, Attendance, Declaration, Meeting
from tests.factories import PersonFactory, UserFactory

from .workspace import seed_body

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2027, 6, 15, 12, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def meeting(sel, days_ago, *, public=True, closed=True, cancelled=False):
    starts = NOW - datetime.timedelta(days=days_ago)
    return Meeting.objects.create(
        body=sel.body, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2),
        location="Tooley Street", held_in_public=public,
        closed_at=starts + datetime.timedelta(hours=2) if closed else None,
        status="cancelled" if cancelled else "held",
        cancellation_reason="Not quorate" if cancelled else "",
    )  # fmt: skip


def attend(sel, m, key, status, *, person=None, capacity="member"):
    return Attendance.objects.create(
        meeting=m, seat=sel.body.seats.get(key=key), person=person or sel.holders[key],
        capacity=capacity, status=status, updated_at=m.starts_at, updated_by=sel.clerk,
    )  # fmt: skip


def sitting(sel, m, statuses):
    """Every seat holder on the list, as the console opens it; everyone present but those
    ``statuses`` names."""
    for seat in sel.body.seats.all():
        attend(sel, m, seat.key, statuses.get(seat.key, "present"))


@pytest.fixture
def sel():
    sel = seed_body("south-east-london-icp", starts_at=NOW + datetime.timedelta(days=30))
    slam = sel.holders["chair-slam"]
    deputy = PersonFactory(given_name="Dee", family_name="Puty")
    first = meeting(sel, 90)
    sitting(sel, first, {"icb-chair": "present", "chair-slam": "apologies"})
    Apology.objects.create(meeting=first, seat=sel.body.seats.get(key="chair-slam"), person=slam,
                           received_at=first.starts_at - datetime.timedelta(days=3),
                           recorded_by=sel.clerk)  # fmt: skip
    attend(sel, first, "chair-slam", "present", person=deputy, capacity="deputy")
    second = meeting(sel, 60)
    sitting(sel, second, {"icb-chair": "absent", "chair-slam": "present"})
    Declaration.objects.create(
        item=second.items.create(position=10, title="Estates"), person=slam, description="Lease",
        determination="withdraw", determined_by="The chair", recorded_at=second.starts_at,
        recorded_by=sel.clerk,
    )  # fmt: skip
    meeting(sel, 45, cancelled=True, closed=False)
    meeting(sel, 30)  # held, but no attendance on record
    private = meeting(sel, 20, public=False)
    sitting(sel, private, {"icb-chair": "present", "chair-slam": "absent"})
    private.attendance.filter(seat__key="icb-chair").update(remote=True)  # by video link
    sel.deputy = deputy
    return sel


def page(client, sel, query=""):
    return client.get(f"/bodies/{sel.body.slug}/attendance/{query}")


def test_the_public_count_the_meetings_held_in_public(sel):
    response = page(Client(), sel)
    assert response.status_code == 200
    text = response.content.decode()
    assert "2 meetings counted: those held in public." in text
    assert "1 cancelled meeting is not counted." in text
    assert "1 meeting held with no attendance on record is not counted." in text
    chair = sel.holders["icb-chair"].full_name
    assert ("Expected at 2 meetings held while they held the seat: present at 1 and absent "
            "from 1 without apologies; 50% attended themselves.") in text  # fmt: skip
    assert chair in text
    assert ("Expected at 2 meetings held while they held the seat: present at 1 and sent a "
            "deputy to 1; 50% attended themselves. Withdrew from 1 item for an interest, "
            "counted as present.") in text  # fmt: skip
    assert "Dee Puty</strong>: Attended 1 meeting as a deputy for a member." in text
    assert (
        "The terms expect:</strong> Members are expected to attend every meeting or to send "
        "their apologies in advance." in text
    )


def test_members_count_every_meeting_held_and_the_expectation_is_applied(sel):
    client = Client()
    client.force_login(UserFactory(serves_all_bodies=True))
    rows = list(csv.reader(io.StringIO(
        client.get(f"/bodies/{sel.body.slug}/attendance.csv").content.decode()
    )))  # fmt: skip
    header, lines = rows[1], {row[0]: dict(zip(rows[1], row, strict=True)) for row in rows[2:]}
    assert header[:3] == ["Name", "Seat", "Expected"]
    chair = lines[sel.holders["icb-chair"].full_name]
    assert (chair["Expected"], chair["Present"], chair["Absent without apologies"]) == (
        "3", "2", "1",
    )  # fmt: skip
    assert (chair["Present remotely"], chair["Attended themselves (%)"]) == ("1", "67")
    assert chair["Meets the terms' expectation"] == "no"  # absent without apologies
    page_text = page(client, sel).content.decode()
    assert "present at 2 (1 remotely) and absent from 1 without apologies" in page_text
    slam = lines[sel.holders["chair-slam"].full_name]
    assert (slam["Sent a deputy"], slam["Absent without apologies"]) == ("1", "1")
    others = [line for line in lines.values() if line["Absent without apologies"] == "0"
              and line["Expected"] == "3"]  # fmt: skip
    assert others and all(line["Meets the terms' expectation"] == "yes" for line in others)
    assert lines["Dee Puty"]["As a deputy for a member"] == "1"


def test_a_period_is_chosen_and_a_bad_one_explained_and_kept(sel):
    client = Client()
    narrow = page(client, sel, "?since=2027-04-01&until=2027-06-15").content.decode()
    assert "1 meeting counted: those held in public." in narrow  # the second only
    bad = page(client, sel, "?since=2027-06-01&until=2027-01-01")
    assert bad.status_code == 400
    assert "Choose a date on or after the first date." in bad.content.decode()
    assert 'value="2027-06-01"' in bad.content.decode()
    typo = page(client, sel, "?since=June")
    assert typo.status_code == 400 and "Enter a valid date." in typo.content.decode()
    assert client.get(f"/bodies/{sel.body.slug}/attendance.csv?since=June").status_code == 400


def test_the_page_reads_in_queries_that_do_not_grow(sel):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert page(Client(), sel).status_code == 200
        return len(captured)

    queries()  # the body's rules are cached after the first reading
    small = queries()
    for days in range(100, 300, 20):
        sitting(sel, meeting(sel, days), {"icb-chair": "apologies"})
    assert queries() == small


def test_a_member_who_misses_meetings_in_a_row_falls_short_of_the_terms():
    """ "If a member fails to attend three consecutive meetings, the Chair will write to the
    nominating organisation" (the example Health and Wellbeing Board, here with no other
    expectation): apologies do not excuse them, and attending between absences starts
    again."""
    hwb = seed_body("examples/health-and-wellbeing-board", starts_at=NOW)
    data = yaml.safe_load((bodyfile.SHIPPED_DIR / "examples/health-and-wellbeing-board.yaml")
                          .read_text())  # fmt: skip
    attendance = data["terms"][0]["rules"]["attendance"]
    for key in ("share", "apologies_in_advance"):
        del attendance[key]
    body_import(body_file=bodyfile.load_text(yaml.safe_dump(data), "hwb.yaml"))
    held = [meeting(hwb, days) for days in (150, 120, 90, 60, 30)]
    for m, leader, healthwatch in zip(
        held,
        ("apologies", "present", "apologies", "absent", "apologies"),
        ("apologies", "apologies", "present", "apologies", "apologies"),
        strict=True,
    ):
        sitting(hwb, m, {"leader": leader, "healthwatch": healthwatch})
    text = page(Client(), hwb).content.decode()
    assert (
        "The terms expect:</strong> If a member does not attend three meetings in a row in "
        "person, the Chair writes to the organisation that nominated them."
    ) in text
    leader, healthwatch = (
        text[text.index(name) : text.index("</tr>", text.index(name))]
        for name in (hwb.holders["leader"].full_name, hwb.holders["healthwatch"].full_name)
    )
    assert "Missed three meetings in a row, Wednesday 17 March 2027 to Sunday 16 May 2027." in (
        leader
    )
    assert 'tag-warning">No</span>' in leader
    assert "Missed two meetings in a row" in healthwatch  # two, then present, then two
    assert '<td data-label="As the terms expect">Yes</td>' in healthwatch


def test_where_the_terms_count_only_the_room_a_member_who_joins_by_video_falls_short():
    """The example Health and Wellbeing Board, a council committee: "Joining by video link
    is not attending for this purpose"."""
    hwb = seed_body("examples/health-and-wellbeing-board", starts_at=NOW)
    for days in (90, 60, 30):
        m = meeting(hwb, days)
        sitting(hwb, m, {})
        m.attendance.filter(seat__key="leader").update(remote=True)
    text = page(Client(), hwb).content.decode()
    assert "Attending remotely is not attending, for this expectation." in text
    members = Attendance.objects.filter(meeting__body=hwb.body, capacity="member").count()
    overall = round(100 * (members - 3) / members)  # the leader's three are not attendance
    assert f"Overall, members attended {overall}% of the meetings" in text and overall < 100
    leader = hwb.holders["leader"].full_name
    leader = text[text.index(leader) : text.index("</tr>", text.index(leader))]
    assert (
        "present at 3 (3 remotely, which the terms do not count); 0% attended themselves." in leader
    )
    assert "Missed three meetings in a row" in leader and 'tag-warning">No</span>' in leader
