"""The record of the business: votes decided by the body's rule, numbered decisions held to
the delegated limits, actions, and corrections or strike-outs on record (the original kept,
with who changed what, when and why)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max

from governance.models import Body
from governance.rules.language import BodyRules
from governance.rules.voting import Casting, decide
from governance.rules.words import long_date
from members.models import User

from ..models import Action, AgendaItem, Decision, Meeting, Vote
from ..sitting import Sitting
from .locking import meeting_touch, on_record, open_meeting, revision_check

INQUORATE_OUTCOMES = {Decision.Outcome.DEFERRED, Decision.Outcome.NOTED}

# Votes -----------------------------------------------------------------------------------


def _decided(
    rules: BodyRules,
    item: AgendaItem,
    counts: tuple[int, int, int],
    eligible: int,
    casting: str,
    partner_votes: dict[str, tuple[int, int, int]] | None = None,
):
    """The vote under the body's rule for the item's business."""
    votes_for, against, abstentions = counts
    try:
        result = decide(
            rules.voting_for(item.business_type or None),
            votes_for=votes_for,
            against=against,
            abstentions=abstentions,
            eligible=eligible,
            casting=Casting(casting) if casting else None,
            partner_votes=partner_votes,
        )
    except ValueError as error:
        raise ValidationError(str(error)) from error
    if result.carried is None:
        raise ValidationError({"casting": result.sentence})
    return result


def _counted(choices) -> tuple[int, int, int]:
    choices = list(choices)
    return tuple(choices.count(choice) for choice in ("for", "against", "abstain"))


def _by_partner(sitting: Sitting, voters, votes: dict[str, str]) -> dict:
    """Each partner's (for, against, abstaining) among the named votes, by the
    organisations of the seat each voter sits in or stands in for."""
    partners = sitting.voting.partners if sitting.voting else ()
    organisations = {
        a.key: sitting.snapshot.membership.seat(a.seat).organisations for a in voters if a.seat
    }
    return {
        p.name: _counted(
            choice
            for key, choice in votes.items()
            if organisations.get(key, frozenset()) & p.organisations
        )
        for p in partners
    }


@transaction.atomic
def vote_record(
    *,
    meeting: Meeting,
    sitting: Sitting,
    motion: str,
    votes: dict[str, str],
    casting: str,
    user: User,
    now: datetime.datetime,
    counts: tuple[int, int, int] | None = None,
) -> Vote:
    """A vote on the current item: named (``votes`` maps each voter's reference, as the
    electorate gives it, to for, against or abstain) or by ``counts`` (for, against,
    abstaining). The body's rule decides it, with the casting vote of the person presiding
    on equal votes."""
    item = sitting.item
    if item is None:
        raise ValidationError("Go to an item before recording a vote.")
    if sitting.rules is None:
        raise ValidationError("No terms of reference are in force to decide a vote by.")
    electorate = sitting.electorate_for(item)
    voters = {a.key: a.name for a in electorate.people}
    strangers = set(votes) - set(voters)
    if strangers:
        raise ValidationError("Someone recorded as voting may not vote on this item any more.")
    if counts is not None and votes:
        raise ValidationError("Record the votes by name or by numbers, not both.")
    if counts is None:
        counts = _counted(votes.values())
    if sum(counts) == 0:
        raise ValidationError("No votes are recorded: give each voter's vote, or the numbers.")
    partner_votes = _by_partner(sitting, electorate.people, votes) if votes else None
    result = _decided(sitting.rules, item, counts, len(voters), casting, partner_votes)
    open_meeting(meeting)
    vote = Vote(
        item=item,
        motion=motion.strip(),
        votes_for=counts[0],
        against=counts[1],
        abstentions=counts[2],
        eligible=len(voters),
        casting=casting,
        carried=result.carried,
        reasoning=f"{result.sentence} Rule: {result.rule}",
        named={voters[ref]: choice for ref, choice in votes.items()},
        recorded_at=now,
        recorded_by=user,
    )
    vote._history_user = user
    vote.save()
    return vote


@transaction.atomic
def vote_correct(
    *,
    vote: Vote,
    revision: int,
    motion: str,
    counts: tuple[int, int, int],
    casting: str,
    rules: BodyRules,
    reason: str,
    user: User,
) -> Vote:
    """Correct a vote's motion or numbers on record; the body's rule decides it again, and a
    decision recorded from it follows the new result."""
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    revision_check(vote, revision, "this vote")
    _reason_given(reason)
    changed_numbers = counts != (vote.votes_for, vote.against, vote.abstentions)
    vote.motion = motion.strip()
    if rules.voting_for(vote.item.business_type or None).partners:
        if changed_numbers or casting != vote.casting:
            raise ValidationError(
                "Under this rule each partner's votes count, and the numbers alone do not say "
                "whose they were: strike this vote and record it again by name."
            )
    else:
        result = _decided(rules, vote.item, counts, vote.eligible, casting)
        vote.votes_for, vote.against, vote.abstentions = counts
        vote.casting, vote.carried = casting, result.carried
        vote.reasoning = f"{result.sentence} Rule: {result.rule}"
    if changed_numbers:
        vote.named = {}  # the names no longer add up to the corrected numbers
    on_record(vote, user=user, reason=reason.strip())
    decision = Decision.objects.filter(vote=vote).first()
    if decision is not None and decision.outcome in (
        Decision.Outcome.CARRIED_ON_A_VOTE,
        Decision.Outcome.LOST_ON_A_VOTE,
    ):
        decision.outcome = (
            Decision.Outcome.CARRIED_ON_A_VOTE if vote.carried else Decision.Outcome.LOST_ON_A_VOTE
        )
        on_record(decision, user=user, reason=f"The vote was corrected: {reason.strip()}")
    meeting_touch(vote.item.meeting)
    return vote


# Decisions -------------------------------------------------------------------------------


def _within_limits(
    rules: BodyRules | None, body: Body, outcome: str, value: int | None
) -> tuple[str, str]:
    """A value above the body's delegated limit turns an agreement into a recommendation to
    the body that holds the authority. Returns the outcome and the note saying so."""
    limits = [limit.amount for limit in rules.delegated_limits] if rules else []
    if (
        value is None
        or not limits
        or value <= max(limits)
        or outcome in (*INQUORATE_OUTCOMES, Decision.Outcome.LOST_ON_A_VOTE)
    ):
        return outcome, ""
    to = body.reports_to.name if body.reports_to else "the body that holds the authority"
    return Decision.Outcome.RECOMMENDED, (
        f"£{value:,} is above the £{max(limits):,} delegated limit: recorded as a "
        f"recommendation to {to}."
    )


@transaction.atomic
def decision_record(
    *,
    meeting: Meeting,
    sitting: Sitting,
    text: str,
    outcome: str,
    value: int | None,
    vote: Vote | None,
    user: User,
    now: datetime.datetime,
    reasons: str = "",
) -> Decision:
    """Number and record a decision on the current item (LIE/2026/014). An inquorate item
    can only be deferred or noted; a value above the body's delegated limit makes the
    decision a recommendation to the body that holds the authority."""
    item = sitting.item
    if item is None:
        raise ValidationError("Go to an item before recording a decision.")
    result = sitting.quorum_for(item)
    if not result.quorate and outcome not in INQUORATE_OUTCOMES:
        raise ValidationError(
            {
                "outcome": f"{result.shortfall} A decision can only be recorded as "
                "deferred or noted without decision."
            }
        )
    if vote is not None:
        if vote.struck:
            raise ValidationError({"vote": "That vote has been struck out of the record."})
        outcome = (
            Decision.Outcome.CARRIED_ON_A_VOTE if vote.carried else Decision.Outcome.LOST_ON_A_VOTE
        )
    outcome, limit_note = _within_limits(sitting.rules, meeting.body, outcome, value)
    locked = open_meeting(meeting)
    year = locked.day.year
    decision = Decision(
        body=meeting.body,
        year=year,
        number=next_decision_number(meeting.body, year),
        item=item,
        text=text.strip(),
        outcome=outcome,
        reasons=reasons.strip(),
        vote=vote,
        value=value,
        limit_note=limit_note,
        quorum_note=result.shortfall or result.headline,
        recorded_at=now,
        recorded_by=user,
    )
    decision._history_user = user
    decision.full_clean()
    decision.save()
    return decision


def next_decision_number(body: Body, year: int) -> int:
    """The body's next decision number in the year, meetings and written resolutions alike;
    locking the body's row serialises the numbering (call it inside a transaction)."""
    Body.objects.select_for_update().get(pk=body.pk)
    last = Decision.objects.filter(body=body, year=year).aggregate(n=Max("number"))["n"]
    return (last or 0) + 1


@transaction.atomic
def decision_correct(
    *,
    decision: Decision,
    revision: int,
    text: str,
    outcome: str,
    value: int | None,
    rules: BodyRules | None,
    reason: str,
    user: User,
) -> Decision:
    """Correct a decision's wording, value or outcome on record. Its number stays; the
    delegated limit is applied to the corrected value; an outcome taken from a vote follows
    the vote (correct the vote instead)."""
    decision = Decision.objects.select_for_update().select_related("body").get(pk=decision.pk)
    revision_check(decision, revision, "this decision")
    _reason_given(reason)
    if decision.vote_id:
        outcome = decision.outcome
    elif outcome in (Decision.Outcome.CARRIED_ON_A_VOTE, Decision.Outcome.LOST_ON_A_VOTE):
        raise ValidationError(
            {"outcome": "Only a decision taken from a vote can have that outcome."}
        )
    elif decision.outcome in INQUORATE_OUTCOMES and outcome not in INQUORATE_OUTCOMES:
        raise ValidationError(
            {"outcome": "The item was recorded as deferred or noted; it cannot become agreed."}
        )
    if outcome == Decision.Outcome.RECOMMENDED and decision.limit_note:
        # It was a recommendation only because of its value: the limit decides again.
        outcome = Decision.Outcome.AGREED_BY_CONSENSUS
    decision.outcome, decision.limit_note = _within_limits(rules, decision.body, outcome, value)
    decision.text, decision.value = text.strip(), value
    on_record(decision, user=user, reason=reason.strip())
    meeting_touch(decision.item.meeting)
    return decision


# Actions ---------------------------------------------------------------------------------


def _due_problem(meeting: Meeting, due: datetime.date | None) -> dict:
    if due is not None and due < meeting.day:
        return {
            "due": f"An action cannot be due before the meeting that agreed it "
            f"({long_date(meeting.day)}). Check the year."
        }
    return {}


@transaction.atomic
def action_record(
    *,
    meeting: Meeting,
    item: AgendaItem | None,
    text: str,
    owner: str,
    due: datetime.date | None,
    user: User,
    now: datetime.datetime,
    owner_email: str = "",
) -> Action:
    open_meeting(meeting)
    if problem := _due_problem(meeting, due):
        raise ValidationError(problem)
    action = Action(
        meeting=meeting,
        item=item,
        text=text.strip(),
        owner=owner.strip(),
        owner_email=owner_email.strip(),
        due=due,
        recorded_at=now,
        recorded_by=user,
    )
    action._history_user = user
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_correct(
    *,
    action: Action,
    revision: int,
    text: str,
    owner: str,
    due: datetime.date | None,
    status: str,
    reason: str,
    user: User,
    owner_email: str = "",
) -> Action:
    action = Action.objects.select_for_update().select_related("meeting").get(pk=action.pk)
    revision_check(action, revision, "this action")
    _reason_given(reason)
    if problem := _due_problem(action.meeting, due):
        raise ValidationError(problem)
    action.text, action.owner, action.due, action.status = text.strip(), owner.strip(), due, status
    action.owner_email = owner_email.strip()
    on_record(action, user=user, reason=reason.strip())
    meeting_touch(action.meeting)
    return action


@transaction.atomic
def action_status_set(
    *, meeting: Meeting, action: Action, status: str, revision: int, user: User
) -> Action:
    """Close an action (done or dropped) or open it again, from a later meeting's log."""
    if action.meeting.body_id != meeting.body_id:
        raise ValidationError("That action belongs to another body.")
    if status not in Action.Status.values:
        raise ValidationError(f"Unknown action status '{status}'.")
    meeting_touch(meeting)
    action = Action.objects.select_for_update().get(pk=action.pk)
    revision_check(action, revision, "this action")
    action.status = status
    return on_record(action, user=user)


# Striking out ----------------------------------------------------------------------------


@transaction.atomic
def record_strike(
    *, record: models.Model, revision: int, reason: str, user: User, now: datetime.datetime
) -> models.Model:
    """Strike a vote, decision or action out of the record: it stays, marked, with who
    struck it out, when and why. A decision's number is never reused."""
    record = type(record).objects.select_for_update().get(pk=record.pk)
    revision_check(record, revision, "this entry")
    _reason_given(reason)
    if record.struck:
        raise ValidationError("It has already been struck out.")
    if isinstance(record, Vote) and Decision.objects.filter(vote=record, struck_at=None).exists():
        raise ValidationError(
            "A decision was recorded from this vote: strike out the decision first."
        )
    record.struck_at, record.struck_by, record.struck_reason = now, user, reason.strip()
    on_record(record, user=user, reason=f"Struck out: {reason.strip()}")
    meeting = record.meeting if isinstance(record, Action) else record.item.meeting
    meeting_touch(meeting)
    return record


def _reason_given(reason: str) -> None:
    if not reason.strip():
        raise ValidationError({"reason": "Say why the record is being corrected."})
