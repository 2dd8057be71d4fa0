"""The demo command: the five seed bodies, people, deputies, interests, meetings, sign-ins."""

from __future__ import annotations

import datetime
import io
import re

import holidays
import pytest
import time_machine
from django.apps import apps
from django.core.mail import send_mail
from django.core.management import call_command
from django.core.serializers import serialize
from django.db import transaction
from django.test import Client, override_settings

from governance.models import Body, Seat
from meetings import demo
from meetings.models import Meeting
from members.models import Appointment, DeputyNomination, InterestDeclaration, OutboxMessage, User
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 23)

SEED_SEATS = {
    "leicestershire-integration-executive": 15,
    "leicestershire-joint-commissioning-group": 7,
    "llr-stp-partnership-group": 16,
    "mid-and-south-essex-icp": 50,
    "south-east-london-icp": 21,
}


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module and rolled back after it; each test runs in its
    own savepoint inside, so what one test changes the next never sees."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo.load(today=TODAY, with_users=True)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo_once, db):
    return None


def snapshot() -> str:
    models = [
        m
        for app in ("governance", "members", "meetings")
        for m in apps.get_app_config(app).get_models()
        if m.__name__ != "OutboxMessage"
    ]
    return "".join(serialize("json", m.objects.order_by("pk")) for m in models)


def test_the_five_seed_bodies_load_with_their_seats(loaded):
    counts = {body.slug: body.seats.count() for body in Body.objects.all()}
    assert counts == SEED_SEATS


def test_the_mid_and_south_essex_seats_follow_appendix_two(loaded):
    seats = Seat.objects.filter(body__slug="mid-and-south-essex-icp").order_by("position")
    assert seats.first().title == "Chair, Mid & South Essex ICB"
    assert seats.first().role == Seat.Role.CHAIR
    assert [s.role for s in seats[1:4]] == [Seat.Role.VICE_CHAIR] * 3
    assert seats.last().title == "Medical Director, Mid & South Essex ICB"


def test_running_the_demo_twice_changes_nothing(loaded):
    before = snapshot()
    call_command("load_demo", "--allow-demo-users", stdout=io.StringIO())
    demo.load(today=TODAY, with_users=True)
    assert snapshot() == before


@pytest.mark.parametrize("later", [1, 7, 40, 400])
def test_running_the_demo_again_on_a_later_day_changes_nothing(loaded, later):
    before = snapshot()
    moment = datetime.datetime.combine(TODAY, datetime.time(9), tzinfo=datetime.UTC)
    with time_machine.travel(moment + datetime.timedelta(days=later)):
        call_command("load_demo", "--allow-demo-users", stdout=io.StringIO())
    assert snapshot() == before


def test_most_seats_are_filled_and_a_few_are_vacant(loaded):
    filled = Appointment.objects.values("seat").distinct().count()
    total = Seat.objects.count()
    assert 0 < total - filled < total // 5


def test_deputies_and_interests_are_declared(loaded):
    assert DeputyNomination.objects.count() >= 10
    assert InterestDeclaration.objects.filter(organisation__isnull=False).count() >= 5


def test_each_body_has_the_year_before_and_the_year_ahead_at_its_frequency(loaded):
    month = TODAY.replace(day=1)
    before, ahead = (
        {b.slug: b.meetings.filter(**{f"starts_at__date__{op}": month}).count()
         for b in Body.objects.all()}
        for op in ("lt", "gte")
    )  # fmt: skip
    assert before == {
        "leicestershire-integration-executive": 12,  # monthly
        "leicestershire-joint-commissioning-group": 6,  # bi-monthly
        "llr-stp-partnership-group": 4,  # at least four a year
        "mid-and-south-essex-icp": 6,  # bi-monthly
        "south-east-london-icp": 4,  # at least four a year
    }
    assert ahead == {  # from this month to the same month next year
        "leicestershire-integration-executive": 13,
        "leicestershire-joint-commissioning-group": 7,
        "llr-stp-partnership-group": 4,
        "mid-and-south-essex-icp": 7,
        "south-east-london-icp": 5,
    }


def test_the_dashboard_shows_what_is_due_now_not_a_year_of_it(loaded):
    """The demo's secretariat has kept up: each body has met as its terms say, and only
    what fell due in the last six weeks is overdue."""
    clerk = Client()
    assert sign_in(clerk, "clerk", demo.DEMO_PASSWORD)
    with time_machine.travel(datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC)):
        dashboard = clerk.get("/dashboard/").content.decode()
    for short in ("No meeting between", "the body met", "planned in the next twelve months"):
        assert short not in dashboard, short
    overdue = re.findall(r"overdue since \w+ (\d+ \w+ \d{4})", dashboard)
    assert overdue, "some duty falls due in any six weeks"
    since = [datetime.datetime.strptime(day, "%d %B %Y").date() for day in overdue]
    assert min(since) >= TODAY - datetime.timedelta(days=42)


def test_no_demo_meeting_falls_on_a_bank_holiday(loaded):
    bank_holidays = holidays.country_holidays("GB", subdiv="ENG", years=[2025, 2026, 2027])
    for meeting in Meeting.objects.all():
        assert meeting.starts_at.date() not in bank_holidays


def test_the_demo_users_sign_in_in_their_roles(loaded):
    client = Client()
    assert sign_in(client, "clerk", demo.DEMO_PASSWORD)
    assert client.get("/people/").status_code == 200
    member = Client()
    assert sign_in(member, "member", demo.DEMO_PASSWORD)
    assert member.get("/bodies/leicestershire-integration-executive/").status_code == 200
    other = Client()
    assert sign_in(other, "othermember", demo.DEMO_PASSWORD)
    assert other.get("/bodies/leicestershire-integration-executive/").status_code == 404


def test_the_chair_is_the_person_in_the_chair_seat(loaded):
    chair = User.objects.get(username="chair")
    assert chair.person.appointments.get().seat.role == Seat.Role.CHAIR


def test_demo_sign_ins_are_not_made_with_debug_off(settings, capsys, db):
    settings.DEBUG = False
    before = set(User.objects.values_list("username", flat=True))
    call_command("load_demo")
    assert set(User.objects.values_list("username", flat=True)) == before
    assert "not created" in capsys.readouterr().out


@override_settings(EMAIL_BACKEND="members.outbox.OutboxEmailBackend")
def test_the_mail_sent_while_the_demo_loads_is_kept_unprinted_and_later_mail_is_printed(
    capsys, monkeypatch, db
):
    """So that the sign-ins printed after loading are not buried under over a hundred
    messages from the demo's history. (The demo's notices are sent once its transaction
    commits, which a test's never does: a stand-in loader sends them here.)"""

    def load(today, with_users):
        for n in range(3):
            send_mail(f"Agenda {n}", "The papers.", None, ["amara@example.org"])
        return {"bodies": 5, "meetings": 0}

    monkeypatch.setattr(demo, "load", load)
    call_command("load_demo", "--allow-demo-users")
    out = capsys.readouterr().out
    assert OutboxMessage.objects.count() == 3 and "Subject:" not in out
    assert "The demo's meetings sent 3 e-mails, kept in the outbox (/outbox/)" in out
    assert out.rstrip().endswith("Django admin")  # the sign-ins, last
    send_mail("After loading", "Printed as well as kept.", None, ["amara@example.org"])
    assert "Subject: After loading" in capsys.readouterr().out
    assert OutboxMessage.objects.count() == 4


def test_each_bodys_next_meeting_has_an_agenda_to_work_on(loaded):
    for body in Body.objects.all():
        upcoming = body.meetings.filter(starts_at__date__gte=TODAY).order_by("starts_at")
        titles = list(upcoming.first().items.order_by("position").values_list("title", flat=True))
        assert titles[0] == "Welcome and apologies"
        assert "Better Care Fund plan for next year" in titles


def test_each_bodys_last_meeting_is_held_with_a_record_ready_for_its_minutes(loaded):
    from meetings.models import Decision
    from meetings.services.decisions import decision_gaps

    clerk = Client()
    assert sign_in(clerk, "clerk", demo.DEMO_PASSWORD)
    for body in Body.objects.all():
        held = body.meetings.filter(starts_at__date__lt=TODAY).order_by("-starts_at").first()
        assert held.closed, body.slug
        assert held.publications.filter(late=False).exists()
        assert held.attendance.filter(capacity="member", status="present").exists()
        decisions = Decision.objects.filter(item__meeting=held)
        assert decisions.count() == (2 if held.held_in_public else 1), body.slug
        assert decision_gaps(held) == []  # complete records: the draft can go to the chair
        assert held.actions.count() == 1
        editor = clerk.get(f"/meetings/{held.pk}/minutes/edit/").content.decode()
        assert "Draft the minutes from the record" in editor
    # The dashboard follows the meetings closed in the three months before today.
    with time_machine.travel(datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC)):
        dashboard = clerk.get("/dashboard/").content.decode()
    assert "minutes not yet drafted" in dashboard
