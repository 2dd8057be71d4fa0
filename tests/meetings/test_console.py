"""The live console: attendance by item, the quorum for each item, conflicts, votes,
decisions and actions, as the record the minutes are drafted from."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from governance.rules.voting import eligible_voters
from governance.rules.words import LONDON
from meetings.models import Action, Attendance, Decision, Declaration
from meetings.queries import ACTION_LOG_SIZE, action_log
from meetings.services import attendance as attending
from meetings.services import proceedings, record
from meetings.services.locking import StaleChange, console_version
from members.models import DeputyNomination
from tests.factories import PersonFactory, UserFactory
from tests.governance.rules.seeds import SEL_ELEVEN
from tests.pages import page_queries

from .workspace import arrive, go, open_sitting, row, seed_body, signed_in, state

pytestmark = pytest.mark.django_db
MEETING = datetime.datetime(2027, 1, 14, 14, 0, tzinfo=LONDON)
NOW = MEETING + datetime.timedelta(minutes=5)


def opened(slug, **items):
    return open_sitting(slug, starts_at=MEETING, **items)


def mark(setting, key, what):
    if what == "arrived":
        arrive(setting, [key], NOW)
        return
    current = row(setting, key)
    attending.attendance_mark(
        meeting=setting.meeting,
        row=current,
        revision=current.revision,
        mark=what,
        user=setting.clerk,
        now=NOW,
    )


LIE_SIX = [
    "clinical-chair-wlccg",
    "director-adults-communities",
    "director-uhl",
    "managing-director-elrccg",
    "director-public-health",
    "director-lpt",
]


def test_opening_lists_every_holder_with_apologies_and_is_idempotent():
    lie = opened("leicestershire-integration-executive")
    assert Attendance.objects.filter(meeting=lie.meeting).count() == 15
    attending.sitting_open(meeting=lie.meeting, user=lie.clerk, now=MEETING)
    assert Attendance.objects.filter(meeting=lie.meeting).count() == 15
    assert lie.meeting.current_item.title == "Welcome and apologies"


def test_arrivals_make_the_meeting_quorate_and_a_departure_ends_it():
    lie = opened("leicestershire-integration-executive")
    for key in LIE_SIX:
        mark(lie, key, "arrived")
    result = state(lie).quorum_for(state(lie).item)
    assert result.quorate and len(result.critical) == 6
    mark(lie, "director-uhl", "left")
    assert (
        state(lie)
        .quorum_for(state(lie).item)
        .shortfall.endswith("it needs one more member present (5 of 6).")
    )


def test_someone_who_arrived_during_an_item_counts_from_that_item_on():
    lie = opened("leicestershire-integration-executive", **{"Better Care Fund": {}})
    for key in LIE_SIX[:5]:
        mark(lie, key, "arrived")
    go(lie, "Better Care Fund", confirmed=True)
    mark(lie, "director-lpt", "arrived")
    console = state(lie)
    first, bcf = console.items[0], console.item
    assert not console.quorum_for(first).quorate
    assert console.quorum_for(bcf).quorate
    assert row(lie, "director-lpt").arrived_during == bcf


def test_moving_to_an_item_with_a_stricter_rule_warns_first():
    """LIE: decisions on resource allocation need the make-up "as follows" and Healthwatch."""
    lie = opened(
        "leicestershire-integration-executive",
        **{"Pooled budget allocation": {"business_type": "resource-allocation"}},
    )
    for key in LIE_SIX:
        mark(lie, key, "arrived")
    warning = go(lie, "Pooled budget allocation")
    assert warning is not None
    assert "the Healthwatch representative" in warning.result.shortfall
    assert state(lie).item.title == "Welcome and apologies"  # not moved yet
    assert go(lie, "Pooled budget allocation", confirmed=True) is None
    assert state(lie).item.title == "Pooled budget allocation"


def test_an_inquorate_item_can_only_be_deferred_or_noted():
    lie = opened("leicestershire-integration-executive", **{"Risk register": {}})
    go(lie, "Risk register", confirmed=True)
    with pytest.raises(ValidationError, match="deferred or noted"):
        record.decision_record(
            meeting=lie.meeting,
            sitting=state(lie),
            text="Approve it",
            outcome="consensus",
            value=None,
            vote=None,
            user=lie.clerk,
            now=NOW,
        )
    decision = record.decision_record(
        meeting=lie.meeting,
        sitting=state(lie),
        text="Deferred",
        outcome="deferred",
        value=None,
        vote=None,
        user=lie.clerk,
        now=NOW,
    )
    assert decision.outcome == "deferred"
    assert decision.quorum_note.startswith("The meeting is not quorate")


def test_decisions_are_numbered_per_body_and_year():
    lie = opened("leicestershire-integration-executive", **{"Plan": {}})
    for key in LIE_SIX:
        mark(lie, key, "arrived")
    go(lie, "Plan")
    refs = [
        record.decision_record(
            meeting=lie.meeting,
            sitting=state(lie),
            text=f"D{n}",
            outcome="consensus",
            value=None,
            vote=None,
            user=lie.clerk,
            now=NOW,
        ).reference
        for n in range(2)
    ]
    assert refs == ["LIE/2027/001", "LIE/2027/002"]


def test_a_value_above_the_delegated_limit_is_a_recommendation():
    """LIE: "Integration Executive - up to £200k" """
    lie = opened("leicestershire-integration-executive", **{"Plan": {}})
    for key in LIE_SIX:
        mark(lie, key, "arrived")
    go(lie, "Plan")
    within = record.decision_record(
        meeting=lie.meeting,
        sitting=state(lie),
        text="Fund it",
        outcome="consensus",
        value=150_000,
        vote=None,
        user=lie.clerk,
        now=NOW,
    )
    above = record.decision_record(
        meeting=lie.meeting,
        sitting=state(lie),
        text="Fund more",
        outcome="consensus",
        value=250_000,
        vote=None,
        user=lie.clerk,
        now=NOW,
    )
    assert within.outcome == Decision.Outcome.AGREED_BY_CONSENSUS
    assert above.outcome == Decision.Outcome.RECOMMENDED
    assert above.limit_note == (
        "£250,000 is above the £200,000 delegated limit: recorded as a "
        "recommendation to the body that holds the authority."
    )


# Quorate with one to spare: the eleven of the seed tests and the ICB Chair.
SEL_TWELVE = [*SEL_ELEVEN, "icb-chair"]


def test_a_tied_vote_is_settled_by_the_casting_vote():
    """SEL 9.1"""
    sel = opened("south-east-london-icp", **{"Investment": {}})
    for key in SEL_TWELVE:
        mark(sel, key, "arrived")
    go(sel, "Investment")
    voters = [row(sel, k).pk for k in SEL_TWELVE]
    votes = {f"row{pk}": ("for" if i % 2 else "against") for i, pk in enumerate(voters)}
    with pytest.raises(ValidationError, match="must give a casting vote"):
        record.vote_record(
            meeting=sel.meeting,
            sitting=state(sel),
            motion="Invest",
            votes=votes,
            casting="",
            user=sel.clerk,
            now=NOW,
        )
    vote = record.vote_record(
        meeting=sel.meeting,
        sitting=state(sel),
        motion="Invest",
        votes=votes,
        casting="for",
        user=sel.clerk,
        now=NOW,
    )
    assert (vote.votes_for, vote.against, vote.carried) == (6, 6, True)
    assert "casting vote" in vote.reasoning
    decision = record.decision_record(
        meeting=sel.meeting,
        sitting=state(sel),
        text="Invest",
        outcome="consensus",
        value=None,
        vote=vote,
        user=sel.clerk,
        now=NOW,
    )
    assert decision.outcome == Decision.Outcome.CARRIED_ON_A_VOTE


def test_a_withdrawn_member_does_not_count_or_vote_and_a_deputy_may_replace_them():
    """MSE: "the relevant organisation ... may send a deputy to take the place of the
    conflicted member in relation to that matter." """
    mse = opened("mid-and-south-essex-icp", **{"Hospice funding": {}})
    for key in ("chair-icb", "ceo-icb", "dph-essex"):
        mark(mse, key, "arrived")
    go(mse, "Hospice funding")
    deputy = PersonFactory()
    ceo = mse.holders["ceo-icb"]
    proceedings.declaration_record(
        meeting=mse.meeting,
        item=state(mse).item,
        person=ceo,
        description="Trustee of a hospice",
        determination="withdraw",
        determined_by="Chair",
        replacement=deputy,
        interest=None,
        rules=mse.rules,
        user=mse.clerk,
        now=NOW,
    )
    console = state(mse)
    attendance = console.attendance_for(console.item)
    voters = eligible_voters(attendance, console.snapshot.membership, console.rules.deputies).voters
    assert ceo.full_name not in voters and deputy.full_name in voters
    # Only for that item: on the next item the member is back.
    assert (
        ceo.full_name
        in eligible_voters(
            console.attendance_for(console.items[0]),
            console.snapshot.membership,
            console.rules.deputies,
        ).voters
    )


def test_a_replacement_is_refused_where_the_terms_do_not_allow_it():
    sel = opened("south-east-london-icp", **{"Contract": {}})
    mark(sel, "chair-gstt", "arrived")
    go(sel, "Contract", confirmed=True)
    with pytest.raises(ValidationError, match="do not allow a deputy to take the place"):
        proceedings.declaration_record(
            meeting=sel.meeting,
            item=state(sel).item,
            person=sel.holders["chair-gstt"],
            description="Director",
            determination="withdraw",
            determined_by="Co-chair",
            replacement=PersonFactory(),
            interest=None,
            rules=sel.rules,
            user=sel.clerk,
            now=NOW,
        )


def test_taking_part_without_voting_counts_for_quorum_but_not_the_vote():
    sel = opened("south-east-london-icp", **{"Contract": {}})
    for key in SEL_TWELVE:
        mark(sel, key, "arrived")
    go(sel, "Contract")
    proceedings.declaration_record(
        meeting=sel.meeting,
        item=state(sel).item,
        person=sel.holders["chair-gstt"],
        description="Director",
        determination=Declaration.Determination.NO_VOTE,
        determined_by="Co-chair",
        replacement=None,
        interest=None,
        rules=sel.rules,
        user=sel.clerk,
        now=NOW,
    )
    console = state(sel)
    assert console.quorum_for(console.item).present == 12
    with pytest.raises(ValidationError, match="may not vote"):
        record.vote_record(
            meeting=sel.meeting,
            sitting=console,
            motion="Award",
            votes={f"row{row(sel, 'chair-gstt').pk}": "for"},
            casting="",
            user=sel.clerk,
            now=NOW,
        )


def test_a_deputy_is_checked_against_the_policy_and_counts_when_agreed():
    sel = opened("south-east-london-icp")
    seat = sel.body.seats.get(key="chair-slam")
    stranger = PersonFactory()
    with pytest.raises(ValidationError, match="nominated deputy"):
        attending.deputy_add(
            meeting=sel.meeting,
            seat=seat,
            person=stranger,
            chair_agreed_by="x",
            rules=sel.rules,
            user=sel.clerk,
            now=NOW,
        )
    nominated = PersonFactory()
    DeputyNomination.objects.create(
        person=nominated, seat=seat, starts_on=datetime.date(2026, 1, 1)
    )
    attending.deputy_add(
        meeting=sel.meeting,
        seat=seat,
        person=nominated,
        chair_agreed_by="Co-chair",
        rules=sel.rules,
        user=sel.clerk,
        now=NOW,
    )
    console = state(sel)
    assert console.quorum_for(console.item).present == 1


def test_the_presiding_chair_can_be_overridden_with_a_reason():
    sel = opened("south-east-london-icp")
    mark(sel, "icb-chair", "arrived")
    assert "Chair of the Integrated Care Board presides" in state(sel).presiding().reason
    other = sel.holders["elected-member-lewisham"]
    with pytest.raises(ValidationError, match="Say why"):
        proceedings.presiding_set(meeting=sel.meeting, person=other, reason="", seen_override=None)
    proceedings.presiding_set(
        meeting=sel.meeting, person=other, reason="the ICB Chair is conflicted", seen_override=None
    )
    assert state(sel).presiding().reason == (
        f"{other.full_name} presides: the ICB Chair is conflicted."
    )


def test_interests_on_the_register_are_suggested_for_an_item_naming_the_organisation():
    sel = opened("south-east-london-icp", **{"Oxleas NHS Foundation Trust community contract": {}})
    member = sel.holders["vcse"]
    oxleas = sel.body.seats.get(key="chair-oxleas").organisation
    member.interests.create(
        category="financial",
        description="Shares in a supplier to Oxleas",
        organisation=oxleas,
        starts_on=datetime.date(2025, 1, 1),
        declared_on=datetime.date(2025, 1, 1),
    )
    mark(sel, "vcse", "arrived")
    go(sel, "Oxleas NHS Foundation Trust community contract", confirmed=True)
    assert [p for p, _ in state(sel).suggestions] == [member]


def test_actions_are_carried_into_the_next_meetings_action_log():
    lie = opened("leicestershire-integration-executive")
    record.action_record(
        meeting=lie.meeting,
        item=None,
        text="Circulate the BCF plan",
        owner="Director of Integration",
        due=datetime.date(2027, 2, 1),
        user=lie.clerk,
        now=NOW,
    )
    later = lie.meeting.__class__.objects.create(
        body=lie.body,
        starts_at=MEETING + datetime.timedelta(days=28),
        ends_at=MEETING + datetime.timedelta(days=28, hours=2),
        location="Room",
    )
    assert [a.text for a in action_log(later).due] == ["Circulate the BCF plan"]
    response = signed_in(lie.clerk).post(
        f"/meetings/{later.pk}/console/action-status/",
        {"action": Action.objects.get().pk, "status": "done", "revision": 0},
    )
    assert response.status_code == 302
    assert not action_log(later).due


def test_two_clerks_marking_the_same_person_do_not_silently_overwrite():
    lie = opened("leicestershire-integration-executive")
    seen = row(lie, "director-uhl")
    attending.attendance_mark(
        meeting=lie.meeting,
        row=seen,
        revision=seen.revision,
        mark="arrived",
        user=lie.clerk,
        now=NOW,
    )
    with pytest.raises(StaleChange, match=r"changed .*'s attendance first"):
        attending.attendance_mark(
            meeting=lie.meeting,
            row=seen,
            revision=seen.revision,
            mark="apologies",
            user=lie.clerk,
            now=NOW,
        )
    assert row(lie, "director-uhl").status == "present"


def test_a_stale_click_gets_409_and_the_latest_state():
    lie = opened("leicestershire-integration-executive")
    seen = row(lie, "director-uhl")
    client = signed_in(lie.clerk)
    url = f"/meetings/{lie.meeting.pk}/console/mark/"
    data = {"row": seen.pk, "revision": seen.revision, "mark": "arrived"}
    assert client.post(url, data, HTTP_HX_REQUEST="true").status_code == 200
    stale = client.post(url, {**data, "mark": "absent"}, HTTP_HX_REQUEST="true")
    assert stale.status_code == 409
    assert "your change was not saved" in stale.content.decode()


def test_other_screens_refresh_only_when_something_changed():
    lie = opened("leicestershire-integration-executive")
    client = signed_in(lie.clerk)
    url = f"/meetings/{lie.meeting.pk}/console/live/"
    version = console_version(lie.meeting)
    assert client.get(url, {"version": version}).status_code == 204
    mark(lie, "director-uhl", "arrived")
    fresh = client.get(url, {"version": version})
    assert fresh.status_code == 200 and "Present" in fresh.content.decode()


def test_the_console_is_only_for_the_bodys_secretariat():
    lie = opened("leicestershire-integration-executive")
    outsider = seed_body("south-east-london-icp", starts_at=MEETING)
    member = lie.holders["director-uhl"]
    member.user = UserFactory()
    member.save()
    for user in (outsider.clerk, member.user):
        client = signed_in(user)
        assert client.get(f"/meetings/{lie.meeting.pk}/console/").status_code == 404
        seen = row(lie, "director-uhl")
        response = client.post(
            f"/meetings/{lie.meeting.pk}/console/mark/",
            {"row": seen.pk, "revision": seen.revision, "mark": "arrived"},
        )
        assert response.status_code == 404
    assert row(lie, "director-uhl").status == "absent"


def test_everything_recorded_is_time_stamped():
    lie = opened("leicestershire-integration-executive")
    mark(lie, "director-uhl", "arrived")
    assert row(lie, "director-uhl").updated_at == NOW
    assert timezone.is_aware(row(lie, "director-uhl").updated_at)


def test_console_queries_do_not_grow_with_the_seats():
    def counts(slug):
        setting = opened(slug, **{"Plan": {}})
        for key in list(setting.holders)[:8]:
            mark(setting, key, "arrived")
        client = signed_in(setting.clerk)
        figures = []
        for url in (
            f"/meetings/{setting.meeting.pk}/console/",
            f"/meetings/{setting.meeting.pk}/console/live/?version=0",
        ):
            figures.append(page_queries(client, url))
        return figures

    small, large = counts("leicestershire-integration-executive"), counts("mid-and-south-essex-icp")
    assert small == large
    assert max(large) <= 31


def test_a_vote_can_be_recorded_by_numbers():
    """MSE: "a simple majority of ICP members present" """
    mse = opened("mid-and-south-essex-icp", **{"Transformation monies": {}})
    for key in ("chair-icb", "ceo-icb", "dph-essex", "dass-essex", "dcs-essex"):
        mark(mse, key, "arrived")
    go(mse, "Transformation monies")
    vote = record.vote_record(
        meeting=mse.meeting,
        sitting=state(mse),
        motion="Apportion",
        votes={},
        counts=(3, 1, 1),
        casting="",
        user=mse.clerk,
        now=NOW,
    )
    assert (vote.carried, vote.eligible) == (True, 5)
    with pytest.raises(ValidationError, match="only 5 present may vote"):
        record.vote_record(
            meeting=mse.meeting,
            sitting=state(mse),
            motion="Too many",
            votes={},
            counts=(4, 2, 0),
            casting="",
            user=mse.clerk,
            now=NOW,
        )


def test_the_workspace_leads_to_the_console():
    lie = opened("leicestershire-integration-executive")
    page = signed_in(lie.clerk).get(f"/meetings/{lie.meeting.pk}/agenda/").content.decode()
    assert f'href="/meetings/{lie.meeting.pk}/console/"' in page


@pytest.mark.parametrize(
    "slug",
    [
        "leicestershire-integration-executive",
        "leicestershire-joint-commissioning-group",
        "llr-stp-partnership-group",
        "mid-and-south-essex-icp",
        "south-east-london-icp",
    ],
)
def test_each_seed_body_runs_from_the_console_with_its_own_verdicts(slug):
    setting = opened(slug)
    rows = list(Attendance.objects.filter(meeting=setting.meeting, capacity="member"))
    for each in rows:
        attending.attendance_mark(
            meeting=setting.meeting,
            row=each,
            revision=each.revision,
            mark="arrived",
            user=setting.clerk,
            now=NOW,
        )
    full = state(setting).quorum_for(state(setting).item)
    assert full.quorate
    assert full.present + len(full.not_counted) == len(rows)  # the JCG chair in addition
    for each in rows[1:]:
        each.refresh_from_db()
        attending.attendance_mark(
            meeting=setting.meeting,
            row=each,
            revision=each.revision,
            mark="left",
            user=setting.clerk,
            now=NOW,
        )
    alone = state(setting).quorum_for(state(setting).item)
    if slug == "mid-and-south-essex-icp":  # its terms set no quorum, and Quorate says so
        assert alone.quorate and "set no quorum" in alone.explanation[0]
    else:
        assert not alone.quorate and alone.shortfall.startswith("The meeting is not quorate")


def test_the_action_log_is_bounded_redrawn_alone_and_the_rest_is_one_link_away():
    lie = opened("leicestershire-integration-executive")
    for n in range(ACTION_LOG_SIZE + 3):
        record.action_record(
            meeting=lie.meeting,
            item=None,
            text=f"Action number {n}",
            owner="Director of Integration",
            due=datetime.date(2027, 2, 1),
            user=lie.clerk,
            now=NOW,
        )
    later = lie.meeting.__class__.objects.create(
        body=lie.body,
        starts_at=MEETING + datetime.timedelta(days=28),
        ends_at=MEETING + datetime.timedelta(days=28, hours=2),
        location="Room",
    )
    attending.sitting_open(meeting=later, user=lie.clerk, now=NOW)
    client = signed_in(lie.clerk)
    page = client.get(f"/meetings/{later.pk}/console/").content.decode()
    assert page.count('name="action" value=') == ACTION_LOG_SIZE
    assert f'href="/meetings/{later.pk}/console/actions/"' in page
    live = client.get(f"/meetings/{later.pk}/console/live/").content.decode()
    assert "Action number" not in live  # the live refresh never redraws the log
    every = client.get(f"/meetings/{later.pk}/console/actions/").content.decode()
    assert every.count("<td>Action number") == ACTION_LOG_SIZE + 3
    first = Action.objects.order_by("pk").first()
    done = client.post(
        f"/meetings/{later.pk}/console/action-status/",
        {"action": first.pk, "status": "done", "revision": 0},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert done.lstrip().startswith('<section class="mt-3" aria-labelledby="log-heading"')
    assert "Action marked done." in done and 'id="console-live"' not in done
    stale = client.post(
        f"/meetings/{later.pk}/console/action-status/",
        {"action": first.pk, "status": "dropped", "revision": 0},
        HTTP_HX_REQUEST="true",
    )
    assert stale.status_code in (400, 409) and 'role="alert"' in stale.content.decode()
