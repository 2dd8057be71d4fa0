"""The minutes through their pages: drafted from the record in one action, written item by
item (sanitised, versioned, never silently overwritten), approved or returned by the chair in
the application, circulated, confirmed by the next meeting from the console, then signed,
locked and published: members' copy with Part B, public copy without."""

from __future__ import annotations

import datetime
import html
import re
from unittest import mock

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.test import Client

from governance.rules.words import LONDON
from meetings.models import Decision, ItemMinute, Minutes, MinutesAmendment
from meetings.queries import people_to_notify
from meetings.services import decisions, proceedings, record
from notices.models import Notice
from notices.receivers import minutes_notices
from tests.factories import UserFactory

from . import workspace
from .test_console_pages import SEL_TWELVE
from .workspace import open_sitting, signed_in, state

pytestmark = pytest.mark.django_db
MEETING = datetime.datetime(2027, 1, 14, 14, 0, tzinfo=LONDON)  # a Thursday
NOW = MEETING + datetime.timedelta(minutes=5)
NEXT = MEETING + datetime.timedelta(days=28)
SEL = "south-east-london-icp"
SECRET = "ZEBRACONTRACT"  # a Part B marker that must never reach the public copy


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=True) as traveller:
        yield traveller


def text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def decide(setting, title: str, words: str, *, reasons="Best value for residents.") -> Decision:
    """A decision by consensus, its record completed unless ``reasons`` is empty."""
    workspace.go(setting, title, confirmed=True)
    decision = record.decision_record(
        meeting=setting.meeting,
        sitting=state(setting),
        text=words,
        outcome=Decision.Outcome.AGREED_BY_CONSENSUS,
        value=None,
        vote=None,
        user=setting.clerk,
        now=NOW,
    )
    if not reasons:
        return decision
    return decisions.decision_record_complete(
        decision=decision,
        reasons=reasons,
        alternatives="Do nothing.",
        dispensation="",
        revision=decision.revision,
        user=setting.clerk,
    )


@pytest.fixture
def held(clock):
    """South East London's meeting, held in public and closed: a decision and an action on
    a Part A item, a confidential decision on a Part B item."""
    setting = open_sitting(
        SEL,
        starts_at=MEETING,
        **{
            "Community diagnostics": {},
            "Estates contract": {"part": "B", "exempt_paragraph": 3},
        },
    )
    setting.meeting.held_in_public = True
    setting.meeting.save(update_fields=["held_in_public"])
    workspace.arrive(setting, SEL_TWELVE, NOW)
    decide(setting, "Community diagnostics", "Invest in community diagnostics hubs.")
    record.action_record(
        meeting=setting.meeting,
        item=setting.meeting.items.get(title="Community diagnostics"),
        text="Report on the hubs' first quarter",
        owner="Director of Strategy",
        due=datetime.date(2027, 4, 1),
        user=setting.clerk,
        now=NOW,
    )
    decide(setting, "Estates contract", f"Award the {SECRET} to the preferred bidder.")
    clock.move_to(MEETING + datetime.timedelta(hours=3))
    proceedings.meeting_close(
        meeting=setting.meeting,
        closed_at=MEETING + datetime.timedelta(hours=2),
        user=setting.clerk,
        now=MEETING + datetime.timedelta(hours=3),
    )
    return setting


def correct_decision(setting, words: str) -> None:
    """Correct the wording of the Part A decision on record, as the console's correction does."""
    decision = Decision.objects.get(text__startswith="Invest")
    record.decision_correct(
        decision=decision,
        revision=decision.revision,
        text=words,
        outcome=decision.outcome,
        value=None,
        rules=setting.rules,
        reason="Corrected from the clerk's notes",
        user=setting.clerk,
    )


def draft(setting) -> Minutes:
    response = signed_in(setting.clerk).post(f"/meetings/{setting.meeting.pk}/minutes/start/")
    assert response.status_code == 302
    return Minutes.objects.get(meeting=setting.meeting)


def minute_of(minutes: Minutes, title: str) -> ItemMinute:
    return minutes.item_minutes.get(item__title=title)


def save_minute(client, minute, typed: str, *, revision=None, htmx=False, summary=None):
    data = {f"m{minute.pk}-text": typed, f"m{minute.pk}-revision": minute.revision}
    if revision is not None:
        data[f"m{minute.pk}-revision"] = revision
    if summary is not None:
        data[f"m{minute.pk}-public_summary"] = summary
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(f"/minutes/items/{minute.pk}/", data, **headers)


def chair_of(setting, minutes: Minutes):
    """The chair named on the minutes, given a sign-in."""
    user = UserFactory(username="sel-chair")
    minutes.chair.user = user
    minutes.chair.save(update_fields=["user"])
    return user


# Drafting from the record ----------------------------------------------------------------


def test_the_draft_comes_from_the_record_in_one_action(held):
    minutes = draft(held)
    assert minutes.chair is not None  # whoever presided approves
    page = text(signed_in(held.clerk).get(f"/meetings/{held.meeting.pk}/minutes/edit/"))
    presiding = state(held).presiding(state(held).attendance_for(None)).name
    assert f"In the chair: {presiding}" in page
    assert held.holders["healthwatch"].full_name in page
    decision = Decision.objects.get(text__startswith="Invest")
    assert f"Decision {decision.reference}: Invest in community diagnostics hubs." in page
    assert "Action: Report on the hubs' first quarter (Director of Strategy" in page
    assert "Quorum: " in page and "Rule applied:" in page
    assert minutes.item_minutes.count() == held.meeting.items.count()


def test_the_minutes_wait_for_the_meeting_to_close(clock):
    setting = open_sitting(SEL, starts_at=MEETING)
    client = signed_in(setting.clerk)
    page = text(client.get(f"/meetings/{setting.meeting.pk}/minutes/edit/"))
    assert "once the meeting has been closed in the console" in page
    response = client.post(f"/meetings/{setting.meeting.pk}/minutes/start/", follow=True)
    assert "has not been closed in the console" in text(response)
    assert not Minutes.objects.exists()


def test_a_correction_in_the_record_shows_in_the_draft(held):
    draft(held)
    correct_decision(held, "Invest in four community diagnostics hubs.")
    page = text(signed_in(held.clerk).get(f"/meetings/{held.meeting.pk}/minutes/edit/"))
    assert "Invest in four community diagnostics hubs." in page


# Writing ---------------------------------------------------------------------------------


def test_a_minute_is_kept_as_typed_made_safe_with_every_version(held):
    minutes = draft(held)
    client = signed_in(held.clerk)
    minute = minute_of(minutes, "Community diagnostics")
    typed = (
        "The board **discussed** <script>alert(1)</script>the hubs.\n\n- Bexley first\n"
        "- Then [Lambeth](https://lambeth.example/hub)"
    )
    response = save_minute(client, minute, typed)
    assert response.status_code == 302
    minute.refresh_from_db()
    assert "<script>" not in minute.text and "alert(1)" not in minute.text
    assert minute.text == (
        "<p>The board <strong>discussed</strong> the hubs.</p><ul><li>Bexley first</li>"
        '<li>Then <a href="https://lambeth.example/hub" rel="noopener">Lambeth</a></li></ul>'
    )
    page = client.get(f"/meetings/{held.meeting.pk}/minutes/edit/").content.decode()
    assert "- Bexley first\n- Then [Lambeth](https://lambeth.example/hub)" in html.unescape(
        page
    )  # back as typed
    reading = client.get(f"/meetings/{held.meeting.pk}/minutes/").content.decode()
    assert "<strong>discussed</strong>" in reading
    response = save_minute(client, minute, "Second thoughts.", htmx=True)
    assert response.status_code == 200
    assert "Saved at" in response.content.decode()
    assert f'value="{minute.revision + 1}"' in response.content.decode()  # the new revision
    assert minute.history.count() == 3  # drafted, first save, second save


def test_two_clerks_never_overwrite_each_others_minute(held):
    minutes = draft(held)
    first, second = signed_in(held.clerk), signed_in(held.clerk)
    minute = minute_of(minutes, "Community diagnostics")
    seen = minute.revision
    assert save_minute(first, minute, "First clerk's minute.").status_code == 302
    response = save_minute(second, minute, "Second clerk's minute.", revision=seen, htmx=True)
    assert response.status_code == 400
    body = text(response)
    assert "Someone else changed this minute first" in body
    assert "Second clerk's minute." in body  # their input kept
    minute.refresh_from_db()
    assert minute.text == "<p>First clerk's minute.</p>"


def test_only_the_bodys_secretariat_writes_the_minutes(held, world):
    minutes = draft(held)
    minute = minute_of(minutes, "Community diagnostics")
    for persona in ("member", "clerk", "anonymous"):
        client = Client()
        if world.users[persona]:
            client.force_login(world.users[persona])
        assert client.get(f"/meetings/{held.meeting.pk}/minutes/edit/").status_code in (302, 404)
        response = save_minute(client, minute, "Not mine to write.")
        assert response.status_code in (302, 404)
        if response.status_code == 302:
            assert "/accounts/login/" in response["Location"]
    minute.refresh_from_db()
    assert minute.text == ""


def test_a_draft_with_an_item_unwritten_goes_to_the_chair_only_once_confirmed(held):
    minutes = draft(held)
    chair_of(held, minutes)
    clerk = signed_in(held.clerk)
    save_minute(clerk, minute_of(minutes, "Community diagnostics"), "Hubs in Bexley.")
    send = f"/meetings/{held.meeting.pk}/minutes/send/"
    response = clerk.post(send, {"chair": minutes.chair_id})
    page = text(response)
    assert response.status_code == 200 and "Check before going ahead" in page
    assert "Estates contract has no minute yet." in page
    assert "Community diagnostics has no minute yet." not in page
    assert f'<option value="{minutes.chair_id}" selected>' in response.content.decode()
    assert Minutes.objects.get(pk=minutes.pk).status == Minutes.Status.DRAFT
    assert clerk.post(send, {"chair": minutes.chair_id, "confirm": "on"}).status_code == 302
    assert Minutes.objects.get(pk=minutes.pk).status == Minutes.Status.WITH_CHAIR


# The chair -------------------------------------------------------------------------------


def test_the_chair_needs_a_sign_in_to_approve(held):
    minutes = draft(held)
    response = signed_in(held.clerk).post(
        f"/meetings/{held.meeting.pk}/minutes/send/", {"chair": minutes.chair_id, "confirm": "on"}
    )
    assert response.status_code == 400
    assert "has no sign-in to Quorate" in text(response)
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.DRAFT


def test_the_chair_returns_the_draft_with_comments_then_approves_it(held, clock):
    minutes = draft(held)
    chair = chair_of(held, minutes)
    clerk = signed_in(held.clerk)
    response = clerk.post(
        f"/meetings/{held.meeting.pk}/minutes/send/", {"chair": minutes.chair_id, "confirm": "on"}
    )
    assert response.status_code == 302
    minute = minute_of(minutes, "Community diagnostics")
    assert save_minute(clerk, minute, "Too late to change.").status_code == 400  # with the chair

    review = f"/meetings/{held.meeting.pk}/minutes/review/"
    assert signed_in(held.clerk).get(review).status_code == 404  # only the chair answers
    as_chair = signed_in(chair)
    waiting = "Approve the draft minutes: SEL ICP, Thursday 14 January 2027, 14:00"
    dashboard = as_chair.get("/dashboard/").content.decode()
    assert waiting in html.unescape(dashboard) and f'href="{review}"' in dashboard
    response = as_chair.post(review, {"decision": "return", "comments": ""})
    assert response.status_code == 400
    assert "Say what should change" in text(response)
    response = as_chair.post(review, {"decision": "return", "comments": "Name the hubs."})
    assert response.status_code == 302
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.RETURNED
    assert minutes.chair_decided_by == chair
    page = text(clerk.get(f"/meetings/{held.meeting.pk}/minutes/edit/"))
    assert "returned the draft" in page and "Name the hubs." in page

    minute.refresh_from_db()
    assert save_minute(clerk, minute, "Hubs in Bexley and Lambeth.").status_code == 302
    clerk.post(
        f"/meetings/{held.meeting.pk}/minutes/send/", {"chair": minutes.chair_id, "confirm": "on"}
    )
    assert as_chair.post(review, {"decision": "approve", "comments": ""}).status_code == 302
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.APPROVED
    assert waiting not in text(as_chair.get("/dashboard/"))
    answered = text(as_chair.get(review))
    assert "for your approval" not in answered and "Approved by the chair." in answered
    assert clerk.post(f"/meetings/{held.meeting.pk}/minutes/circulate/").status_code == 302
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.CIRCULATED
    assert minutes.history.filter(history_change_reason__startswith="Returned").exists()


# Deadlines -------------------------------------------------------------------------------


def test_the_bodys_deadlines_show_and_go_overdue(held, clock):
    minutes = draft(held)
    client = signed_in(held.clerk)
    page = text(client.get(f"/meetings/{held.meeting.pk}/minutes/edit/"))
    # "within five working days": Thursday 14 January 2027 to Thursday 21 January.
    assert "Draft minutes to the chair by Thursday 21 January 2027" in page
    assert "Approved minutes to members by Thursday 28 January 2027" in page
    clock.move_to(datetime.datetime(2027, 1, 22, 9, 0, tzinfo=LONDON))
    client = signed_in(held.clerk)  # a new day, a new session
    page = text(client.get(f"/meetings/{held.meeting.pk}/minutes/edit/"))
    assert "Overdue Draft minutes to the chair" in page
    chair_of(held, minutes)
    client.post(
        f"/meetings/{held.meeting.pk}/minutes/send/", {"chair": minutes.chair_id, "confirm": "on"}
    )
    page = text(client.get(f"/meetings/{held.meeting.pk}/minutes/edit/"))
    assert "Late Draft minutes to the chair" in page and "Done on Friday 22 January 2027" in page


def test_what_the_terms_call_for_after_each_meeting_shows_beside_the_minutes(held, clock):
    """South East London's minutes go to the ICB Board within ten working days: the
    minutes page and the dashboard show it due, then overdue, then done once recorded."""
    client = signed_in(held.clerk)
    duty = "The minutes of the meeting, for assurance"
    page = text(client.get(f"/meetings/{held.meeting.pk}/minutes/edit/"))
    assert f"Due {duty}: due by Thursday 28 January 2027. To the ICB Board." in page
    clock.move_to(datetime.datetime(2027, 1, 29, 9, 0, tzinfo=LONDON))
    client = signed_in(held.clerk)
    dashboard = text(client.get("/dashboard/")).split("After the meetings")[1]
    assert (
        f"Overdue {duty}: overdue since Thursday 28 January 2027."
        in dashboard.split("What the terms call for")[0]
    )
    html_page = client.get(f"/meetings/{held.meeting.pk}/minutes/edit/").content.decode()
    link = re.search(r'href="([^"]*obligations/done/[^"]*)"', html_page).group(1)
    form_url = html.unescape(link)
    assert "due_on=2027-01-28" in form_url
    form = client.get(form_url).content.decode()
    assert "the minutes of the meeting, for assurance" in html.unescape(form)
    response = client.post(
        form_url.split("?")[0],
        {"key": "minutes-to-icb-board", "due_on": "2027-01-28", "done_on": "27 January 2027"},
    )
    assert response.status_code == 302
    page = text(client.get(f"/meetings/{held.meeting.pk}/minutes/edit/"))
    assert f"Done {duty}: done on Wednesday 27 January 2027 (due Thursday 28 January 2027)." in page


# Members, the next meeting, and the public -----------------------------------------------


def circulated(held) -> Minutes:
    minutes = draft(held)
    chair = chair_of(held, minutes)
    clerk = signed_in(held.clerk)
    secret = minute_of(minutes, "Estates contract")
    save_minute(clerk, secret, f"The {SECRET} was discussed.", summary="A contract was awarded.")
    clerk.post(
        f"/meetings/{held.meeting.pk}/minutes/send/", {"chair": minutes.chair_id, "confirm": "on"}
    )
    signed_in(chair).post(
        f"/meetings/{held.meeting.pk}/minutes/review/", {"decision": "approve", "comments": ""}
    )
    clerk.post(f"/meetings/{held.meeting.pk}/minutes/circulate/")
    minutes.refresh_from_db()
    return minutes


def test_the_members_and_deputies_are_told_once_the_minutes_are_circulated(
    held, django_capture_on_commit_callbacks
):
    with (
        mock.patch("documents.tasks.render_document.delay"),  # the documents tests' business
        django_capture_on_commit_callbacks(execute=True),
    ):
        minutes = circulated(held)
    told = [m for m in mail.outbox if m.subject == "Minutes: SEL ICP, 14 January 2027"]
    people = people_to_notify(held.meeting).exclude(email="")
    assert len(people) > 10
    assert sorted(m.to[0] for m in told) == sorted(p.email for p in people)
    link = f"{settings.SITE_URL}/meetings/{held.meeting.pk}/minutes/"
    for message in told:
        assert "approved by the chair and circulated to members" in message.body
        assert link in message.body and f'href="{link}"' in message.alternatives[0][0]
        assert SECRET not in message.body and SECRET not in message.alternatives[0][0]
    assert Notice.objects.filter(kind="minutes_circulated").count() == len(people)
    with django_capture_on_commit_callbacks(execute=True):  # sent again: nothing twice
        minutes_notices(sender=Minutes, minutes=minutes)
    assert len([m for m in mail.outbox if m.subject.startswith("Minutes:")]) == len(people)


def test_members_read_the_minutes_once_circulated_with_part_b(held):
    minutes = draft(held)
    member = UserFactory(username="sel-member")
    held.holders["vcse"].user = member
    held.holders["vcse"].save(update_fields=["user"])
    url = f"/meetings/{held.meeting.pk}/minutes/"
    assert signed_in(member).get(url).status_code == 404  # a draft is the secretariat's
    assert Client().get(url).status_code == 404
    minutes.delete()
    circulated(held)
    page = text(signed_in(member).get(url))
    assert SECRET in page and "not yet confirmed" in page
    assert Client().get(url).status_code == 404  # the public wait for confirmation


def next_meeting(held, clock):
    clock.move_to(NEXT + datetime.timedelta(minutes=5))
    later = held.meeting.__class__.objects.create(
        body=held.body,
        starts_at=NEXT,
        ends_at=NEXT + datetime.timedelta(hours=2),
        location="Committee Room 1",
        held_in_public=True,
    )
    from meetings.services import attendance as attending
    from meetings.services.agenda import agenda_start

    agenda_start(meeting=later, rules=held.rules)
    attending.sitting_open(meeting=later, user=held.clerk, now=NEXT)
    setting = workspace.Setting(held.body, later, held.clerk, held.holders)
    workspace.arrive(setting, SEL_TWELVE, NEXT + datetime.timedelta(minutes=5))
    workspace.go(setting, "Minutes of the previous meeting and matters arising", confirmed=True)
    return setting


def test_the_next_meeting_confirms_the_minutes_from_the_console(held, clock):
    minutes = circulated(held)
    later = next_meeting(held, clock)
    # The standing item of the next agenda links to them.
    preview = signed_in(held.clerk).get(f"/meetings/{later.meeting.pk}/agenda/preview/")
    assert f'href="/meetings/{held.meeting.pk}/minutes/"' in preview.content.decode()
    client = signed_in(held.clerk)
    console = text(client.get(f"/meetings/{later.meeting.pk}/console/"))
    assert "Minutes of the meeting on Thursday 14 January 2027" in console
    minute = minute_of(minutes, "Community diagnostics")
    response = client.post(
        f"/meetings/{later.meeting.pk}/console/confirm-minutes/",
        {"confirm-minutes": minutes.pk, f"confirm-amend_{minute.pk}": "Hubs in four boroughs."},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200, text(response)
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.CONFIRMED
    decision = minutes.confirmed_by
    assert decision.item.meeting == later.meeting
    assert decision.text.startswith("The minutes of the meeting held on Thursday 14 January 2027")
    assert "as amended at: Community diagnostics" in decision.text
    presiding = state(later).presiding().name
    assert minutes.signed_by == presiding and minutes.signed_on == NEXT.date()
    assert MinutesAmendment.objects.get().wording == "<p>Hubs in four boroughs.</p>"
    assert "Hubs in four boroughs." in minutes.signed_text
    assert f"Signed: {presiding}, presiding." in html.unescape(minutes.signed_text)

    # Locked: no more writing, and the record's later corrections leave the signed copy alone.
    minute.refresh_from_db()
    assert save_minute(client, minute, "Rewritten.").status_code == 400
    correct_decision(held, "Something else entirely.")
    page = text(client.get(f"/meetings/{held.meeting.pk}/minutes/"))
    assert "Invest in community diagnostics hubs." in page
    assert "Something else entirely." not in page


def test_the_public_read_the_confirmed_minutes_without_part_b(held, clock):
    minutes = circulated(held)
    later = next_meeting(held, clock)
    signed_in(held.clerk).post(
        f"/meetings/{later.meeting.pk}/console/confirm-minutes/", {"confirm-minutes": minutes.pk}
    )
    minutes.refresh_from_db()
    assert minutes.locked
    public = Client()
    page = text(public.get(f"/meetings/{held.meeting.pk}/minutes/"))
    assert SECRET not in page
    assert "exempt under paragraph 3 of Schedule 12A" in page
    assert "A contract was awarded." in page  # the clerk's public summary
    assert "Invest in community diagnostics hubs." in page
    detail = public.get(f"/meetings/{held.meeting.pk}/").content.decode()
    assert f"/meetings/{held.meeting.pk}/minutes/" in detail


def test_minutes_of_a_private_meeting_never_reach_the_public(held, clock):
    held.meeting.held_in_public = False
    held.meeting.save(update_fields=["held_in_public"])
    minutes = circulated(held)
    later = next_meeting(held, clock)
    signed_in(held.clerk).post(
        f"/meetings/{later.meeting.pk}/console/confirm-minutes/", {"confirm-minutes": minutes.pk}
    )
    assert Client().get(f"/meetings/{held.meeting.pk}/minutes/").status_code == 404
