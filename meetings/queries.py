"""Reading a meeting's business: the agenda with its papers, the action log, and the record
with its corrections. Each in a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import F, Prefetch, Q

from governance.rules.words import long_date, long_datetime
from members.membership import people_named
from members.models import Appointment, DeputyNomination, Person

from .models import (
    Action,
    AgendaItem,
    Apology,
    Decision,
    DeputyRequest,
    LatePublicationRequest,
    Meeting,
    Minutes,
    Paper,
    ResolutionAnswer,
    Vote,
    WrittenResolution,
)
from .planner import Likely

ACTION_LOG_SIZE = 25
PEOPLE_FOUND = 20


def agenda_items(meeting: Meeting) -> list[AgendaItem]:
    """The items in order, each with ``all_papers`` (every version) and ``current_papers``
    (the versions not replaced): two queries."""
    items = list(
        meeting.items.prefetch_related(
            Prefetch(
                "papers",
                queryset=Paper.objects.select_related("published").order_by("pk"),
                to_attr="all_papers",
            )
        )
        .select_related("published", "meeting__body")
        .order_by("position")
    )
    for item in items:
        replaced = {p.replaces_id for p in item.all_papers if p.replaces_id}
        item.current_papers = [p for p in item.all_papers if p.pk not in replaced]
    return items


@dataclass
class ActionLog:
    """Open actions from the body's earlier meetings that fall due by this meeting, soonest
    first and at most ``ACTION_LOG_SIZE``; ``later`` counts the open ones due after it."""

    due: list[Action]
    more: bool
    later: int


def open_actions_before(meeting: Meeting):
    """The body's actions still open from its meetings before this one."""
    return Action.objects.filter(
        meeting__body_id=meeting.body_id,
        status=Action.Status.OPEN,
        struck_at__isnull=True,
        meeting__starts_at__lt=meeting.starts_at,
    )


def action_log(meeting: Meeting) -> ActionLog:
    open_earlier = open_actions_before(meeting)
    due_now = Q(due__isnull=True) | Q(due__lte=meeting.day)
    due = list(
        open_earlier.filter(due_now)
        .select_related("meeting")
        .order_by("due", "pk")[: ACTION_LOG_SIZE + 1]
    )
    later = open_earlier.exclude(due_now).count()
    return ActionLog(due[:ACTION_LOG_SIZE], len(due) > ACTION_LOG_SIZE, later)


@dataclass
class MeetingRecord:
    """The business recorded at a meeting, each entry with its corrections (newest first)."""

    votes: list[Vote]
    decisions: list[Decision]
    actions: list[Action]


def meeting_record(meeting: Meeting) -> MeetingRecord:
    votes = list(Vote.objects.filter(item__meeting=meeting).select_related("item"))
    decisions = list(
        Decision.objects.filter(item__meeting=meeting).select_related("body", "item", "vote")
    )
    actions = list(meeting.actions.select_related("item").order_by("pk"))
    for model, rows in ((Vote, votes), (Decision, decisions), (Action, actions)):
        attach_corrections(model, rows)
    return MeetingRecord(votes, decisions, actions)


def attach_corrections(model, rows, labels: dict[int, str] | None = None) -> None:
    """``corrections`` on each row: the changes made after it was recorded, newest first, as
    (when, who, why, [(what, before, after)]) in words, from its kept history. Two queries
    per model, reading the history only of the rows that were corrected. ``labels`` names
    the agenda items a change refers to."""
    by_pk: dict[int, list] = {row.pk: [] for row in rows}
    corrected = (
        set(
            model.history.filter(id__in=by_pk, history_change_reason__isnull=False)
            .values_list("id", flat=True)
            .distinct()
        )
        if by_pk
        else set()
    )
    history = (
        model.history.filter(id__in=corrected)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
        if corrected
        else ()
    )
    previous = {}
    for entry in history:
        before = previous.get(entry.id)
        if before is not None and entry.history_change_reason:
            delta = entry.diff_against(before, excluded_fields=IGNORED_IN_CORRECTIONS)
            changes = [
                (
                    field_label(model, c.field),
                    _in_words(model, c.field, c.old, labels or {}),
                    _in_words(model, c.field, c.new, labels or {}),
                )
                for c in delta.changes
            ]
            by_pk[entry.id].append(
                (entry.history_date, entry.history_user, entry.history_change_reason, changes)
            )
        previous[entry.id] = entry
    for row in rows:
        row.corrections = list(reversed(by_pk[row.pk]))


IGNORED_IN_CORRECTIONS = [
    "revision",
    "updated_at",
    "updated_by",
    "struck_by",
    "reasoning",
    "limit_note",
    "quorum_note",
]


@dataclass
class HistoryEntry:
    when: datetime.datetime
    who: object
    what: str  # "Created", "Changed", "Deleted"
    reason: str
    changes: list[tuple[str, str, str]]


HISTORY_KINDS = {"+": "Created", "~": "Changed", "-": "Deleted"}


def history_of(record, labels: dict[int, str] | None = None) -> list[HistoryEntry]:
    """Every kept version of ``record``, newest first, each with what changed from the one
    before it, in words: who changed what, when, from what, to what, and why."""
    model = type(record)
    versions = list(
        model.history.filter(id=record.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    entries, before = [], None
    for version in versions:
        changes = []
        if before is not None:
            delta = version.diff_against(before, excluded_fields=IGNORED_IN_CORRECTIONS)
            changes = [
                (
                    field_label(model, c.field),
                    _in_words(model, c.field, c.old, labels or {}),
                    _in_words(model, c.field, c.new, labels or {}),
                )
                for c in delta.changes
            ]
        entries.append(
            HistoryEntry(
                version.history_date,
                version.history_user,
                HISTORY_KINDS.get(version.history_type, "Changed"),
                version.history_change_reason or "",
                changes,
            )
        )
        before = version
    return list(reversed(entries))


def field_label(model, name: str) -> str:
    """A field's name as a clerk reads it in a correction ("arrived during")."""
    return str(model._meta.get_field(name).verbose_name)


def _in_words(model, name: str, value, labels: dict[int, str]) -> str:
    field = model._meta.get_field(name)
    if value in (None, ""):
        return "none"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        return labels.get(value, "another entry")
    if isinstance(value, datetime.datetime):
        return long_datetime(value)
    if isinstance(value, datetime.date):
        return long_date(value)
    if name == "value":
        return f"£{value:,}"
    return str(value)


def nominated_choice(nomination: DeputyNomination) -> tuple[int, str]:
    """A nominated deputy as a choice: (their pk, their name and the seat they stand in for)."""
    return nomination.person_id, (
        f"{nomination.person.full_name} (nominated for {nomination.seat.title})"
    )


def deputy_choices(meeting: Meeting, people, *, find: str = "", chosen=None) -> tuple:
    """Who may be named as a deputy on the apology form: the body's nominated deputies (with
    their seat), then, from ``people`` (those the clerk may look up), the first
    ``PEOPLE_FOUND`` whose names contain every word of ``find``, or the one ``chosen``.
    Never everyone: the list is the same size however many people Quorate holds. Returns
    the nominated and the found, each as (pk, label) pairs."""
    nominated = (
        DeputyNomination.objects.current(meeting.day)
        .filter(seat__body_id=meeting.body_id)
        .select_related("person", "seat")
        .order_by("seat__position", "person__family_name")
    )
    choices = [nominated_choice(n) for n in nominated]
    others = people.exclude(pk__in={pk for pk, _ in choices})
    found = list(people_named(others, find, PEOPLE_FOUND)) if find.strip() else []
    if chosen and chosen not in {p.pk for p in found}:
        found += list(others.filter(pk=chosen))
    return choices, [(p.pk, p.full_name) for p in found]


def public_items():
    """The agenda items the public may read: published, Part A, of meetings held in public."""
    return AgendaItem.objects.filter(
        Likely(Q(part=AgendaItem.Part.A)), meeting__held_in_public=True, published__isnull=False
    )


def public_papers():
    """The papers the public may read: published, of the items the public may read."""
    return Paper.objects.filter(
        Likely(Q(item__part=AgendaItem.Part.A)),
        published__isnull=False,
        item__meeting__held_in_public=True,
        item__published__isnull=False,
    )


# The decisions the public may read: Part A decisions of closed meetings held in public, and
# Part A written resolutions of a body that meets in public.
PUBLIC_DECISIONS = Q(
    item__meeting__held_in_public=True,
    item__meeting__closed_at__isnull=False,
    item__part="A",
) | Q(resolution__part="A", body__meets_in_public=True)


def decisions_register(body, *, members: bool):
    """The body's register of decisions, newest first: every decision for those who serve or
    sit on the body; for the public, the Part A decisions of closed meetings held in public,
    and Part A written resolutions of a body that meets in public."""
    decisions = Decision.objects.filter(body=body, struck_at__isnull=True)
    if not members:
        decisions = decisions.filter(PUBLIC_DECISIONS)
    return decisions.select_related("body", "item__meeting", "resolution").order_by(
        "-year", "-number"
    )


def meeting_decisions(meeting: Meeting, *, members: bool):
    """The decisions taken at ``meeting`` in their order, as its body's register shows them:
    to the public only once it is closed, held in public, and its Part A business."""
    return (
        decisions_register(meeting.body, members=members)
        .filter(item__meeting=meeting)
        .order_by("number")
    )


def people_to_notify(meeting: Meeting):
    """The members and nominated deputies of the body on the meeting's day: those told of
    its agenda, and of its being moved or cancelled."""
    day = meeting.day
    holders = Appointment.objects.current(day).filter(seat__body=meeting.body)
    deputies = DeputyNomination.objects.current(day).filter(seat__body=meeting.body)
    return Person.objects.filter(
        pk__in=[
            *holders.values_list("person_id", flat=True),
            *deputies.values_list("person_id", flat=True),
        ]
    )


AWAITING_SHOWN = 10
MINE_SHOWN = 10


@dataclass
class Mine:
    """A member's own business: the meetings they attend as someone's deputy, the open actions
    they own (each action's words only where they may read its item), and the written
    resolutions they answered lately. Bounded: the soonest or latest few of each."""

    deputising: list[Apology]
    actions: list[Action]
    more_actions: bool
    answered: list


def mine(user, roles, now) -> Mine:
    person = getattr(user, "person", None)
    if person is None:
        return Mine([], [], False, [])
    deputising = list(
        Apology.objects.filter(deputy=person, meeting__starts_at__gte=now)
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .select_related("meeting__body", "seat", "person")
        .order_by("meeting__starts_at")[:MINE_SHOWN]
    )
    actions = []
    if person.email:
        actions = list(
            Action.objects.filter(
                owner_email__iexact=person.email,
                status=Action.Status.OPEN,
                struck_at__isnull=True,
            )
            .select_related("meeting__body", "item__published", "item__meeting__body")
            .order_by(F("due").asc(nulls_last=True), "pk")[: MINE_SHOWN + 1]
        )
    for action in actions:
        action.readable = action.item is None or roles.can_see_item(action.item)
    answered = list(
        ResolutionAnswer.objects.filter(person=person)
        .select_related("resolution__body")
        .order_by("-answered_at")[:MINE_SHOWN]
    )
    return Mine(deputising, actions[:MINE_SHOWN], len(actions) > MINE_SHOWN, answered)


def awaiting_answer(user, roles, now) -> dict[str, list]:
    """What waits for the user's own answer: requests to authorise late publication and to
    agree to a member's deputy, and draft minutes to approve (as a chair), and open written
    resolutions of the bodies they sit on that they have not answered. Bounded: the oldest
    few of each."""
    person = getattr(user, "person", None)
    if person is None:
        return {"late": [], "resolutions": [], "deputies": [], "minutes": []}
    late = (
        LatePublicationRequest.objects.filter(asked=person, answer="")
        .select_related("meeting__body")
        .order_by("requested_at")[:AWAITING_SHOWN]
    )
    resolutions = (
        WrittenResolution.objects.filter(
            status=WrittenResolution.Status.OPEN,
            respond_by__gt=now,
            body__in=roles.member_of,
        )
        .exclude(answers__person=person)
        .select_related("body")
        .order_by("respond_by")[:AWAITING_SHOWN]
    )
    deputies = (
        DeputyRequest.objects.filter(asked=person, answer=DeputyRequest.Answer.AWAITED)
        .exclude(agreed=person)
        .select_related("apology__meeting__body", "apology__person", "deputy")
        .order_by("requested_at")[:AWAITING_SHOWN]
    )
    minutes = (
        Minutes.objects.filter(chair=person, status=Minutes.Status.WITH_CHAIR)
        .select_related("meeting__body")
        .order_by("sent_to_chair_at")[:AWAITING_SHOWN]
    )
    return {
        "late": list(late),
        "resolutions": list(resolutions),
        "deputies": list(deputies),
        "minutes": list(minutes),
    }
