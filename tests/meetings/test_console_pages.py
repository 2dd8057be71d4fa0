"""The console through its pages, as a clerk uses it: what is typed ("£250,000", "4") is what
the record holds, anything else is refused with a message and the input kept, and every panel
follows every change."""

from __future__ import annotations

import datetime
import html
import re

import pytest
import time_machine

from governance.rules.words import LONDON
from meetings.minutes_record import minutes_html
from meetings.models import Action, Attendance, Decision, Vote
from members.models import DeputyNomination
from tests.factories import PersonFactory

from . import workspace
from .workspace import open_sitting, row, signed_in, state

pytestmark = pytest.mark.django_db
MEETING = datetime.datetime(2027, 1, 14, 14, 0, tzinfo=LONDON)
NOW = MEETING + datetime.timedelta(minutes=5)
LIE = "leicestershire-integration-executive"
LIE_SIX = [
    "clinical-chair-wlccg",
    "director-adults-communities",
    "director-uhl",
    "managing-director-elrccg",
    "director-public-health",
    "director-lpt",
]
SEL_TWELVE = [
    "icb-chair",
    "icb-chief-executive",
    "elected-member-bexley",
    "elected-member-lambeth",
    "chair-gstt",
    "chair-kch",
    "vcse",
    "healthwatch",
    "primary-care",
    "kings-health-partners",
    "lead-director-public-health",
    "elected-member-greenwich",
]


@pytest.fixture(autouse=True)
def clock():
    """The clock at the meeting, five minutes in; a test may move it on."""
    with time_machine.travel(NOW, tick=True) as traveller:
        yield traveller


def post(client, setting, path, data, *, htmx=True):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(f"/meetings/{setting.meeting.pk}/{path}/", data, **headers)


def arrive(client, setting, keys):
    for key in keys:
        current = row(setting, key)
        response = post(
            client,
            setting,
            "console/mark",
            {"row": current.pk, "revision": current.revision, "mark": "arrived"},
        )
        assert response.status_code == 200
    return response


def go_to(client, setting, title):
    setting.meeting.refresh_from_db()
    item = setting.meeting.items.get(title=title)
    return post(
        client,
        setting,
        "console/go-to",
        {"item": item.pk, "seen_item": setting.meeting.current_item_id, "confirmed": "1"},
    )


def text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.fixture
def sel():
    """Twelve arrivals, recorded through the services (arrivals through the page have tests
    of their own), and the console on the item."""
    setting = open_sitting("south-east-london-icp", starts_at=MEETING, **{"Investment": {}})
    client = signed_in(setting.clerk)
    workspace.arrive(setting, SEL_TWELVE, NOW)
    go_to(client, setting, "Investment")
    return setting, client


@pytest.fixture
def lie():
    setting = open_sitting(LIE, starts_at=MEETING, **{"Better Care Fund": {}})
    client = signed_in(setting.clerk)
    workspace.arrive(setting, LIE_SIX, NOW)
    go_to(client, setting, "Better Care Fund")
    return setting, client


# Votes -----------------------------------------------------------------------------------


def vote_by_numbers(**counts):
    return {
        "vote-motion": "Invest in community diagnostics",
        "vote-count_for": counts.get("for", ""),
        "vote-count_against": counts.get("against", ""),
        "vote-count_abstain": counts.get("abstain", ""),
        "vote-casting": counts.get("casting", ""),
    }


def test_a_vote_by_numbers_is_recorded_as_typed(sel):
    setting, client = sel
    response = post(
        client,
        setting,
        "console/vote",
        vote_by_numbers(**{"for": "4", "against": "4", "abstain": "1", "casting": "for"}),
    )
    assert response.status_code == 200
    vote = Vote.objects.get()
    assert (vote.votes_for, vote.against, vote.abstentions, vote.carried) == (4, 4, 1, True)
    assert "4 for, 4 against, 1 abstaining" in text(response)
    assert "casting vote" in vote.reasoning


def test_a_motion_not_carried_says_what_the_terms_say_follows():
    """Mid and South Essex: "If notwithstanding a consensus decision cannot be achieved, the
    issue resolution process outlined in the MoU will be followed." """
    setting = open_sitting("mid-and-south-essex-icp", starts_at=MEETING, **{"Investment": {}})
    client = signed_in(setting.clerk)
    workspace.arrive(setting, list(setting.holders)[:6], NOW)
    go_to(client, setting, "Investment")
    response = post(
        client, setting, "console/vote", vote_by_numbers(**{"for": "2", "against": "3"})
    )
    assert response.status_code == 200
    vote = Vote.objects.get()
    assert vote.carried is False
    then = (
        "If a motion is not carried, the issue resolution process in the Partnership MoU is "
        "followed."
    )
    assert then in vote.reasoning and then in text(response)


def test_a_count_in_words_is_refused_and_what_was_typed_is_kept(sel):
    setting, client = sel
    response = post(
        client, setting, "console/vote", vote_by_numbers(**{"for": "four", "against": "4"})
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Give a whole number in figures, such as 4." in page
    assert 'value="four"' in page
    assert 'value="Invest in community diagnostics"' in page
    assert not Vote.objects.exists()


def test_a_vote_by_names_and_numbers_at_once_is_refused(sel):
    setting, client = sel
    voter = row(setting, "icb-chair")
    data = vote_by_numbers(**{"for": "3"}) | {f"vote-voter_row{voter.pk}": "for"}
    response = post(client, setting, "console/vote", data)
    assert response.status_code == 400
    assert "by name or by numbers, not both" in text(response)
    assert not Vote.objects.exists()


def test_more_votes_than_voters_are_refused(sel):
    setting, client = sel
    response = post(client, setting, "console/vote", vote_by_numbers(**{"for": "13"}))
    assert response.status_code == 400
    assert "13 votes are given, but only 12 present may vote" in text(response)


def test_a_vote_by_name_counts_each_voter_chosen(sel):
    setting, client = sel
    data = {"vote-motion": "Invest"}
    for i, key in enumerate(SEL_TWELVE[:7]):
        data[f"vote-voter_row{row(setting, key).pk}"] = "against" if i == 0 else "for"
    response = post(client, setting, "console/vote", data)
    assert response.status_code == 200
    vote = Vote.objects.get()
    assert (vote.votes_for, vote.against, vote.carried) == (6, 1, True)
    assert vote.named[setting.holders["icb-chair"].full_name] == "against"


HWB_FOUR = ["leader", "north-councillor", "north-ccg-chair", "south-ccg-chair"]


@pytest.fixture
def hwb():
    """The example Health and Wellbeing Board: a simple majority with a casting vote, but a
    variation of the pooled budget needs every voting member present."""
    setting = open_sitting(
        "examples/health-and-wellbeing-board",
        starts_at=MEETING,
        **{
            "Annual report": {},
            "Vary the pooled budget": {"business_type": "pooled-budget"},
            "Agree the Better Care Fund plan": {"business_type": "bcf-plan"},
        },
    )
    workspace.arrive(setting, HWB_FOUR, NOW)
    return setting, signed_in(setting.clerk)


@pytest.mark.parametrize(
    ("item", "typed", "carried"),
    [
        ("Annual report", {"for": "3", "against": "1"}, True),
        ("Annual report", {"for": "2", "against": "2", "casting": "for"}, True),
        ("Vary the pooled budget", {"for": "3", "against": "1"}, False),
        ("Vary the pooled budget", {"for": "3", "abstain": "1"}, False),
        ("Vary the pooled budget", {"for": "2", "against": "2", "casting": "for"}, False),
        ("Vary the pooled budget", {"for": "4"}, True),
    ],
)
def test_a_vote_is_decided_by_the_rule_for_the_items_business(hwb, item, typed, carried):
    setting, client = hwb
    page = text(go_to(client, setting, item))
    pooled = item == "Vary the pooled budget"
    assert ("only if every voting member present votes for it" in page) == pooled
    assert ("on equal votes the person presiding has a casting vote" in page) != pooled
    assert ("Casting vote of the person presiding" in page) != pooled  # no box where none
    response = post(client, setting, "console/vote", vote_by_numbers(**typed))
    assert response.status_code == 200
    vote = Vote.objects.get()
    assert vote.carried is carried
    assert ("it needed 4 of the 4 members present who may vote" in vote.reasoning) == pooled
    assert ("on the casting vote of" in vote.reasoning) == (not pooled and "casting" in typed)


@pytest.mark.parametrize(("leader", "carried"), [("against", False), ("for", True)])
def test_a_rule_of_partners_is_voted_by_name_and_needs_each_partners_voters(hwb, leader, carried):
    """ "The Better Care Fund plan is agreed only with the agreement of both the County Council
    and the clinical commissioning groups": three for and one against carries nothing if the
    one against is the Council's only voter."""
    setting, client = hwb
    page = go_to(client, setting, "Agree the Better Care Fund plan").content.decode()
    assert "among the voters of each of the County Council and the clinical commissioning" in (page)
    assert 'name="vote-count_for"' not in page  # by name only
    data = {"vote-motion": "Agree the plan"}
    for key in HWB_FOUR:
        data[f"vote-voter_row{row(setting, key).pk}"] = leader if key == "leader" else "for"
    response = post(client, setting, "console/vote", data)
    assert response.status_code == 200
    vote = Vote.objects.get()
    assert vote.carried is carried
    if not carried:
        assert "the County Council did not carry it (0 for, 1 against, 0 abstaining)" in (
            vote.reasoning
        )
    typed = post(client, setting, "console/vote", vote_by_numbers(**{"for": "4"}))
    assert typed.status_code == 400 and Vote.objects.count() == 1  # numbers are not taken
    assert "so they are taken by name" in text(typed)


def test_while_not_quorate_the_console_says_what_the_terms_say_follows(hwb):
    """The example Health and Wellbeing Board: "If there is no quorum fifteen minutes after the
    time set for the start of the meeting, the meeting stands adjourned ... If during a meeting
    the quorum is lost, the Chair will adjourn the meeting." """
    setting, client = hwb
    page = text(client.get(f"/meetings/{setting.meeting.pk}/console/"))
    assert "Quorate" in page and "The terms: If the meeting is not quorate" not in page
    leaving = row(setting, "south-ccg-chair")
    response = post(client, setting, "console/mark",
                    {"row": leaving.pk, "revision": leaving.revision, "mark": "left"})  # fmt: skip
    assert (
        "The terms: If the meeting is not quorate by 14:15 (15 minutes after its start), the "
        "meeting stands adjourned to a time and date the Chair fixes. If the quorum is lost "
        "during the meeting, the Chair adjourns the meeting."
    ) in text(response)


def test_where_only_the_room_counts_a_member_who_joins_remotely_neither_counts_nor_votes(hwb):
    """The example Health and Wellbeing Board, a council committee: "only members physically
    present count towards the quorum and may vote"."""
    setting, client = hwb
    console = f"/meetings/{setting.meeting.pk}/console/"
    joining = row(setting, "south-ccg-chair")
    mark = {"row": joining.pk, "revision": joining.revision, "mark": "remote"}
    page = text(post(client, setting, "console/mark", mark))
    assert "The terms: If the meeting is not quorate" in page
    assert (
        "attending remotely, and the terms do not let a member attending remotely count "
        "towards the quorum or vote"
    ) in page
    assert "Present remotely" in page
    minutes = html.unescape(minutes_html(setting.meeting, public=True))
    assert f"{joining.display_name}, Clinical Chair, NHS South Westshire CCG (" in minutes
    assert "CCG), attending remotely</li>" in minutes
    voting = go_to(client, setting, "Annual report").content.decode()
    assert f'name="vote-voter_row{joining.pk}"' not in voting
    assert f'name="vote-voter_row{row(setting, "leader").pk}"' in voting
    joining.refresh_from_db()
    back = post(client, setting, "console/mark",
                {"row": joining.pk, "revision": joining.revision, "mark": "arrived"})  # fmt: skip
    assert "The terms: If the meeting is not quorate" not in text(back)
    joining.refresh_from_db()
    assert joining.remote is False
    assert 'value="remote"' in client.get(console).content.decode()


def test_a_deputy_who_joins_remotely_is_counted_as_the_terms_say(hwb):
    setting, client = hwb
    absent = row(setting, "south-ccg-chair")
    post(client, setting, "console/mark",
         {"row": absent.pk, "revision": absent.revision, "mark": "absent"})  # fmt: skip
    seat = setting.body.seats.get(key="south-ccg-chair")
    deputy = PersonFactory(given_name="Rhea", family_name="Remote")
    DeputyNomination.objects.create(person=deputy, seat=seat, starts_on=datetime.date(2026, 1, 1))
    console = client.get(f"/meetings/{setting.meeting.pk}/console/").content.decode()
    assert 'name="deputy-remote"' in console
    typed = {"deputy-seat": seat.pk, "deputy-person": deputy.pk, "deputy-remote": "on"}
    response = post(client, setting, "console/deputy", typed)
    assert response.status_code == 200
    page = text(response)
    assert "Rhea Remote is here as deputy for the Clinical Chair, NHS South Westshire CCG, " in (
        page
    )
    assert "The terms: If the meeting is not quorate" in page
    assert Attendance.objects.get(person=deputy).remote is True


def test_where_the_terms_say_nothing_of_remote_attendance_the_console_offers_no_such_mark(sel):
    setting, client = sel
    page = client.get(f"/meetings/{setting.meeting.pk}/console/").content.decode()
    assert 'value="arrived"' in page and 'value="remote"' not in page
    assert 'name="deputy-remote"' not in page


# Money -----------------------------------------------------------------------------------


def decide(client, setting, value, outcome="consensus"):
    return post(
        client,
        setting,
        "console/decision",
        {
            "decision-text": "Approve the Better Care Fund plan",
            "decision-outcome": outcome,
            "decision-value": value,
            "decision-reasons": "  Meets the national conditions.  ",
        },
    )


@pytest.mark.parametrize("typed", ["£250,000", "250,000", "250000", "250k", "£0.25m", "£ 250,000"])
def test_a_value_typed_as_a_clerk_types_it_is_held_to_the_delegated_limit(lie, typed):
    """LIE: decisions above £200,000 go to the parent body as recommendations."""
    setting, client = lie
    response = decide(client, setting, typed)
    assert response.status_code == 200
    decision = Decision.objects.get()
    assert decision.value == 250_000
    assert decision.outcome == Decision.Outcome.RECOMMENDED
    assert decision.reasons == "Meets the national conditions."
    assert "£250,000 is above the £200,000 delegated limit" in text(response)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("two hundred thousand", "Give the value in pounds, for example £250,000"),
        ("£250,000.50", "Give the value in whole pounds"),
        ("-5000", "Give the value in pounds"),
        ("12,34", "Give the value in pounds"),
        ("£250,000" + " " * 33 + "x", "Give the value in pounds"),  # never cut short and read
    ],
)
def test_a_value_that_is_not_money_is_refused_and_kept(lie, typed, message):
    setting, client = lie
    response = decide(client, setting, typed)
    assert response.status_code == 400
    assert message in text(response)
    assert f'value="{typed}"' in response.content.decode()
    assert not Decision.objects.exists()


def test_a_value_within_the_limit_is_agreed(lie):
    setting, client = lie
    decide(client, setting, "£150k")
    decision = Decision.objects.get()
    assert (decision.value, decision.outcome) == (150_000, Decision.Outcome.AGREED_BY_CONSENSUS)


# Every panel from one state --------------------------------------------------------------


def test_every_panel_follows_the_arrivals_on_this_screen_and_the_others():
    setting = open_sitting("south-east-london-icp", starts_at=MEETING)
    client = signed_in(setting.clerk)
    response = arrive(client, setting, SEL_TWELVE[:9])
    page = response.content.decode()
    voters = re.findall(r'<tr><th scope="row" class="fw-normal">([^<]+)</th><td><input', page)
    assert len(voters) == 9
    declarers = re.search(r'id="id_declaration-person".*?</select>', page, re.S).group(0)
    assert declarers.count("<option") == 9
    assert "9</strong> counted" in page
    other = signed_in(setting.clerk).get(f"/meetings/{setting.meeting.pk}/console/live/?version=0")
    assert other.content.decode().count('<tr><th scope="row" class="fw-normal">') == page.count(
        '<tr><th scope="row" class="fw-normal">'
    )


def test_a_change_made_while_a_panel_is_drawn_is_drawn_again_on_the_other_screens(
    monkeypatch,
):
    """The panel is stamped with the version read before the sitting: should a change land
    while the panel is drawn, the stamp is older than the change, and the next poll draws the
    panel again rather than leaving the screen on the state before it."""
    from meetings.services.locking import console_version_raise
    from meetings.views import console

    setting = open_sitting("south-east-london-icp", starts_at=MEETING)
    live = f"/meetings/{setting.meeting.pk}/console/live/"
    read_sitting = console.sitting_for

    def read_then_changed(meeting):
        sitting = read_sitting(meeting)
        console_version_raise(meeting)  # someone else's change, just after the sitting was read
        return sitting

    screen = signed_in(setting.clerk)
    monkeypatch.setattr(console, "sitting_for", read_then_changed)
    drawn = screen.get(f"{live}?version=0").content.decode()
    monkeypatch.setattr(console, "sitting_for", read_sitting)
    stamp = re.search(r'data-version="(\d+)"', drawn).group(1)
    assert screen.get(f"{live}?version={stamp}").status_code == 200  # drawn again
    again = re.search(
        r'data-version="(\d+)"', screen.get(f"{live}?version={stamp}").content.decode()
    )
    assert screen.get(f"{live}?version={again.group(1)}").status_code == 204  # then settled


def test_a_declaration_shows_on_every_panel_at_once(lie):
    setting, client = lie
    member = setting.holders["director-uhl"]
    response = post(
        client,
        setting,
        "console/declaration",
        {
            "declaration-person": member.pk,
            "declaration-determination": "withdraw",
            "declaration-description": "Spouse works for a bidder",
        },
    )
    assert response.status_code == 200
    page = text(response)
    assert f"{member.full_name}: withdraws from the item" in page
    assert f"{member.full_name} (withdrawn from this item" in page  # may not vote
    assert "Not quorate" in page


# Corrections on record -------------------------------------------------------------------


def correct(client, setting, kind, entry, data):
    return client.post(
        f"/meetings/{setting.meeting.pk}/record/{kind}/{entry.pk}/correct/",
        {"revision": entry.revision, **data},
    )


def test_an_arrival_corrected_on_record_moves_the_quorum_of_each_item(lie, clock):
    setting, client = lie
    late = row(setting, "director-lpt")
    bcf = setting.meeting.items.get(title="Better Care Fund")
    clock.move_to(MEETING.replace(hour=17))
    response = correct(
        client,
        setting,
        "attendance",
        late,
        {
            "status": "present",
            "arrived_during": bcf.pk,
            "arrived_time": "14:40",
            "left_during": "",
            "left_time": "",
            "reason": "Arrived during the Better Care Fund item, per the clerk's notes",
        },
    )
    assert response.status_code == 302
    late.refresh_from_db()
    assert late.arrived_during == bcf
    assert late.arrived_at == MEETING.replace(minute=40)
    sitting = state(setting)
    assert not sitting.quorum_for(sitting.items[0]).quorate
    assert sitting.quorum_for(bcf).quorate
    assert late.history.count() >= 3  # opened, arrived, corrected: the original is kept
    page = text(client.get(f"/meetings/{setting.meeting.pk}/console/"))
    assert "arrived 14:40, during Better Care Fund" in page
    assert "Reason: Arrived during the Better Care Fund item, per the clerk's notes" in page


def test_a_correction_needs_a_reason_and_keeps_the_input(lie):
    setting, client = lie
    late = row(setting, "director-lpt")
    response = correct(
        client,
        setting,
        "attendance",
        late,
        {"status": "present", "arrived_time": "14:40", "reason": ""},
    )
    assert response.status_code == 400
    assert "This field is required." in text(response)
    assert 'value="14:40"' in response.content.decode()


def test_a_correction_from_an_old_screen_is_refused_with_the_latest_shown(lie):
    setting, client = lie
    entry = row(setting, "director-lpt")
    stale = entry.revision
    post(client, setting, "console/mark", {"row": entry.pk, "revision": stale, "mark": "left"})
    response = client.post(
        f"/meetings/{setting.meeting.pk}/record/attendance/{entry.pk}/correct/",
        {"revision": stale, "status": "absent", "reason": "Sent apologies after all"},
    )
    assert response.status_code == 409
    assert "Someone else changed" in text(response)
    assert "Sent apologies after all" in response.content.decode()
    assert "Left" in text(response)
    entry.refresh_from_db()
    assert entry.status == Attendance.Status.PRESENT


def test_an_arrival_after_the_meeting_is_refused(lie):
    setting, client = lie
    entry = row(setting, "director-lpt")
    response = correct(
        client,
        setting,
        "attendance",
        entry,
        {"status": "present", "arrived_time": "23:00", "reason": "Typo"},
    )
    assert response.status_code == 400
    assert "cannot be in the future" in text(response)


def test_attending_remotely_is_corrected_on_record_where_the_terms_say_how_it_counts(hwb, lie):
    setting, client = hwb
    entry = row(setting, "south-ccg-chair")
    path = f"/meetings/{setting.meeting.pk}/record/attendance/{entry.pk}/correct/"
    assert 'name="remote"' in client.get(path).content.decode()
    typed = {"status": "absent", "remote": "on", "reason": "Joined by video"}
    refused = correct(client, setting, "attendance", entry, typed)
    assert refused.status_code == 400
    assert "Only someone present attends, remotely or in the room." in text(refused)
    assert re.search(r'<input[^>]*name="remote"[^>]*checked', refused.content.decode())
    response = correct(client, setting, "attendance", entry, {**typed, "status": "present"})
    assert response.status_code in (200, 302)
    entry.refresh_from_db()
    assert entry.remote is True
    page = text(client.get(f"/meetings/{setting.meeting.pk}/console/"))
    assert "The terms: If the meeting is not quorate" in page
    lie_setting, lie_client = lie
    other = row(lie_setting, "director-lpt")
    form = lie_client.get(
        f"/meetings/{lie_setting.meeting.pk}/record/attendance/{other.pk}/correct/"
    )
    assert 'name="remote"' not in form.content.decode()


def test_a_vote_corrected_on_record_is_decided_again_and_its_decision_follows(sel):
    setting, client = sel
    post(client, setting, "console/vote", vote_by_numbers(**{"for": "7", "against": "5"}))
    vote = Vote.objects.get()
    post(
        client,
        setting,
        "console/decision",
        {"decision-text": "Invest", "decision-outcome": "consensus", "decision-vote": vote.pk},
    )
    assert Decision.objects.get().outcome == Decision.Outcome.CARRIED_ON_A_VOTE
    response = correct(
        client,
        setting,
        "vote",
        vote,
        {
            "motion": vote.motion,
            "votes_for": "5",
            "against": "7",
            "abstentions": "0",
            "casting": "",
            "reason": "The numbers were recorded the wrong way round",
        },
    )
    assert response.status_code == 302
    vote.refresh_from_db()
    assert (vote.votes_for, vote.against, vote.carried) == (5, 7, False)
    assert Decision.objects.get().outcome == Decision.Outcome.LOST_ON_A_VOTE
    assert vote.history.first().history_change_reason.startswith("The numbers were")


def test_a_vote_of_partners_keeps_its_numbers_and_only_its_motion_is_corrected(hwb):
    setting, client = hwb
    go_to(client, setting, "Agree the Better Care Fund plan")
    data = {"vote-motion": "Agree teh plan"}
    for key in HWB_FOUR:
        data[f"vote-voter_row{row(setting, key).pk}"] = "for"
    post(client, setting, "console/vote", data)
    vote = Vote.objects.get()
    fields = {"motion": "Agree the plan", "votes_for": "4", "against": "0", "abstentions": "0",
              "casting": "", "reason": "A typing error"}  # fmt: skip
    refused = correct(client, setting, "vote", vote, {**fields, "votes_for": "3", "against": "1"})
    assert refused.status_code == 400
    assert "strike this vote and record it again by name" in text(refused)
    assert correct(client, setting, "vote", vote, fields).status_code == 302
    vote.refresh_from_db()
    assert (vote.motion, vote.votes_for, vote.carried) == ("Agree the plan", 4, True)


def test_a_decision_value_corrected_above_the_limit_becomes_a_recommendation(lie):
    setting, client = lie
    decide(client, setting, "£150,000")
    decision = Decision.objects.get()
    response = correct(
        client,
        setting,
        "decision",
        decision,
        {
            "text": decision.text,
            "outcome": "consensus",
            "value": "£1.2m",
            "reason": "The paper gives £1.2m",
        },
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.value, decision.outcome) == (1_200_000, Decision.Outcome.RECOMMENDED)
    page = text(client.get(f"/meetings/{setting.meeting.pk}/console/"))
    assert "value from £150,000 to £1,200,000" in page


def test_a_recommendation_made_by_its_value_is_agreed_when_the_value_is_corrected_down(lie):
    setting, client = lie
    decide(client, setting, "£250,000")
    decision = Decision.objects.get()
    correct(
        client,
        setting,
        "decision",
        decision,
        {"text": decision.text, "outcome": "recommended", "value": "180k", "reason": "Typo"},
    )
    decision.refresh_from_db()
    assert (decision.value, decision.outcome) == (180_000, Decision.Outcome.AGREED_BY_CONSENSUS)
    assert decision.limit_note == ""


def test_a_struck_out_decision_stays_marked_and_keeps_its_number(lie):
    setting, client = lie
    decide(client, setting, "")
    decide(client, setting, "")
    first = Decision.objects.order_by("number").first()
    response = client.post(
        f"/meetings/{setting.meeting.pk}/record/decision/{first.pk}/strike/",
        {"revision": first.revision, "reason": "Recorded twice"},
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.struck and first.struck_reason == "Recorded twice"
    page = text(client.get(f"/meetings/{setting.meeting.pk}/console/"))
    assert f"{first.reference}" in page and "Struck out Recorded twice" in page
    decide(client, setting, "")
    assert sorted(Decision.objects.values_list("number", flat=True)) == [1, 2, 3]


def test_an_action_due_before_the_meeting_is_refused(lie):
    setting, client = lie
    response = post(
        client,
        setting,
        "console/action",
        {"action-text": "Report back", "action-owner": "Director", "action-due": "2020-01-31"},
    )
    assert response.status_code == 400
    assert "cannot be due before the meeting that agreed it" in text(response)
    assert not Action.objects.exists()


def test_an_action_due_date_may_be_typed_as_people_in_england_write_it(lie):
    setting, client = lie
    post(
        client,
        setting,
        "console/action",
        {"action-text": "Report back", "action-owner": "Director", "action-due": "28/02/2027"},
    )
    assert Action.objects.get().due == datetime.date(2027, 2, 28)


# Adjourning and closing ------------------------------------------------------------------


def test_adjourning_and_resuming_are_recorded(lie):
    setting, client = lie
    response = post(client, setting, "console/adjourn", {"adjourn-reason": "Fire alarm"})
    assert "Adjourned at 14:05" in text(response)
    post(client, setting, "console/resume", {})
    adjournment = setting.meeting.adjournments.get()
    assert adjournment.reason == "Fire alarm" and adjournment.resumed_at is not None
    assert adjournment.during.title == "Better Care Fund"


def close_at(client, setting, typed_time: str):
    """The clerk closes the meeting at that time on its day, as typed."""
    data = {"close-closed_on": "2027-01-14", "close-closed_time": typed_time}
    return post(client, setting, "console/close", data)


def test_closing_records_the_time_and_then_the_record_changes_only_by_correction(lie, clock):
    setting, client = lie
    clock.move_to(MEETING.replace(hour=16))
    response = close_at(client, setting, "15:55")
    assert response.status_code == 200
    setting.meeting.refresh_from_db()
    assert setting.meeting.closed_at == MEETING.replace(hour=15, minute=55)
    assert setting.meeting.status == "held"
    entry = row(setting, "director-lpt")
    refused = post(
        client,
        setting,
        "console/mark",
        {"row": entry.pk, "revision": entry.revision, "mark": "left"},
    )
    assert refused.status_code == 400
    assert "The meeting closed at 15:55" in text(refused)
    corrected = correct(
        client,
        setting,
        "attendance",
        entry,
        {"status": "present", "left_during": "", "reason": "Checked after the meeting"},
    )
    assert corrected.status_code == 302


def test_a_closing_time_before_the_start_is_refused(lie):
    setting, client = lie
    response = close_at(client, setting, "13:00")
    assert response.status_code == 400
    assert "The meeting started at Thursday 14 January 2027, 14:00: it must close" in text(response)
    assert 'value="13:00"' in response.content.decode()


def test_a_meeting_not_yet_begun_cannot_be_closed(lie, clock):
    setting, client = lie
    clock.move_to(MEETING - datetime.timedelta(hours=2))
    response = close_at(client, setting, "12:00")
    assert response.status_code == 400
    assert "The meeting is due to start at Thursday 14 January 2027, 14:00: it must close" in (
        text(response)
    )
