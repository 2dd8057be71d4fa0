"""What happened in the room: attendance by item, declarations, votes, decisions, actions."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from governance.models import Body, Seat
from governance.rules.words import LONDON
from members.models import Person

from .agenda import AgendaItem
from .base import Revised, StruckOut
from .schedule import Meeting


class Attendance(Revised):
    """One person at (or sending apologies to) a meeting. Arrival and departure are
    recorded by agenda item, so the quorum of each item counts who was in the room."""

    class Capacity(models.TextChoices):
        MEMBER = "member", "Member"
        DEPUTY = "deputy", "Deputy"
        IN_ATTENDANCE = "in_attendance", "In attendance"

    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies"
        ABSENT = "absent", "Absent"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    seat = models.ForeignKey(
        Seat, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(
        max_length=200, blank=True, help_text="For someone in attendance who is not in Quorate."
    )
    capacity = models.CharField(max_length=14, choices=Capacity.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PRESENT)
    arrived_during = models.ForeignKey(
        "AgendaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    arrived_at = models.DateTimeField(
        null=True, blank=True, help_text="When they arrived; empty for the start of the meeting."
    )
    left_during = models.ForeignKey(
        "AgendaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    left_at = models.DateTimeField(null=True, blank=True)
    remote = models.BooleanField(
        default=False, help_text="Attends by video or telephone, not in the room."
    )
    chair_agreed_by = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey("members.User", on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person", "seat"],
                condition=Q(person__isnull=False),
                name="one_attendance_per_person_and_seat",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(name=""), name="attendance_names_someone"
            ),
            models.CheckConstraint(
                condition=Q(capacity="in_attendance") | Q(seat__isnull=False),
                name="members_and_deputies_have_a_seat",
            ),
            models.CheckConstraint(
                condition=Q(left_at__isnull=True)
                | Q(arrived_at__isnull=True)
                | Q(left_at__gte=models.F("arrived_at")),
                name="attendance_leaves_after_arriving",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.get_capacity_display().lower()})"

    @property
    def display_name(self) -> str:
        return self.person.full_name if self.person_id else self.name

    def present_for(self, item: AgendaItem | None) -> bool:
        """In the room for ``item``: arrived at or before it, and not left during or before."""
        if self.status != self.Status.PRESENT:
            return False
        if item is None:
            return self.arrived_during_id is None and self.left_during_id is None
        if self.arrived_during_id and self.arrived_during.position > item.position:
            return False
        return not (self.left_during_id and self.left_during.position <= item.position)


class Declaration(models.Model):
    """A declared interest on an item and the chair's determination."""

    class Determination(models.TextChoices):
        TAKE_PART = "take_part", "Takes part and votes"
        NO_VOTE = "no_vote", "Takes part without voting"
        WITHDRAW = "withdraw", "Withdraws from the item"

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="declarations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    interest = models.ForeignKey(
        "members.InterestDeclaration",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.CharField(max_length=300)
    determination = models.CharField(max_length=10, choices=Determination.choices)
    determined_by = models.CharField(max_length=200, help_text="Who presided and decided.")
    replacement = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="A deputy taking the withdrawn member's place for this item only.",
    )
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey("members.User", on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["item", "person"], name="one_declaration_per_item"),
            models.CheckConstraint(
                condition=Q(replacement__isnull=True) | Q(determination="withdraw"),
                name="replacement_only_for_a_withdrawal",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_determination_display().lower()} ({self.item.title})"


class AdvanceDeclaration(models.Model):
    """A member's interest in an item, declared before the meeting: it waits in the console
    for the chair's determination, recorded there as a Declaration."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    interest = models.ForeignKey(
        "members.InterestDeclaration",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.CharField(max_length=300)
    declared_at = models.DateTimeField()

    class Meta:
        ordering = ["item", "declared_at"]
        constraints = [
            models.UniqueConstraint(fields=["item", "person"], name="one_advance_declaration")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.description}"


class Vote(Revised, StruckOut):
    class Casting(models.TextChoices):
        NONE = "", "No casting vote"
        FOR = "for", "Casting vote for"
        AGAINST = "against", "Casting vote against"

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="votes")
    motion = models.CharField(max_length=500)
    votes_for = models.PositiveSmallIntegerField()
    against = models.PositiveSmallIntegerField()
    abstentions = models.PositiveSmallIntegerField(default=0)
    eligible = models.PositiveSmallIntegerField()
    casting = models.CharField(max_length=7, choices=Casting.choices, blank=True)
    carried = models.BooleanField()
    reasoning = models.TextField()
    named = models.JSONField(
        default=dict, blank=True, help_text="Each voter's name and vote, for a named vote."
    )
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey("members.User", on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "recorded_at"]
        # The newest first, as the open data lists them: read from the index, never sorted.
        indexes = [models.Index(fields=["-recorded_at", "id"], name="vote_newest")]

    def __str__(self) -> str:
        return f"{self.motion}: {'carried' if self.carried else 'not carried'}"


class Decision(Revised, StruckOut):
    class Outcome(models.TextChoices):
        AGREED_BY_CONSENSUS = "consensus", "Agreed by consensus"
        CARRIED_ON_A_VOTE = "carried", "Carried on a vote"
        LOST_ON_A_VOTE = "lost", "Not carried on a vote"
        RECOMMENDED = "recommended", "Recommended to the body with authority"
        WRITTEN = "written", "Agreed by written resolution, outside a meeting"
        DEFERRED = "deferred", "Deferred"
        NOTED = "noted", "Noted without decision"

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="decisions")
    year = models.PositiveSmallIntegerField()
    number = models.PositiveIntegerField()
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    resolution = models.OneToOneField(
        "WrittenResolution",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision",
        help_text="The written resolution, for a decision taken outside a meeting.",
    )
    text = models.TextField()
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    # The record an executive decision needs (governance/rules/decision_records.py).
    reasons = models.TextField(blank=True)
    alternatives = models.TextField("Alternatives considered and rejected", blank=True)
    dispensation = models.TextField(
        blank=True,
        help_text="Any dispensation granted to a member with a conflict of interest who "
        "took part, or why none was needed.",
    )
    vote = models.OneToOneField(
        Vote, null=True, blank=True, on_delete=models.PROTECT, related_name="decision"
    )
    value = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="Financial value in pounds, if any."
    )
    limit_note = models.CharField(max_length=300, blank=True)
    quorum_note = models.TextField(help_text="The quorum verdict when it was recorded.")
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey("members.User", on_delete=models.PROTECT, related_name="+")

    # The words the public search reads, kept by meetings/searchindex.py (PostgreSQL only).
    search = SearchVectorField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["search"])

    class Meta:
        ordering = ["body", "year", "number"]
        # The newest first, as the open data lists them and a body's news feed: read from the
        # index, never sorted.
        indexes = [
            models.Index(fields=["-recorded_at", "id"], name="decision_newest"),
            models.Index(fields=["body", "-recorded_at", "id"], name="decision_body_newest"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year", "number"], name="decision_number_unique_per_body_and_year"
            ),
            models.CheckConstraint(
                condition=Q(item__isnull=False, resolution__isnull=True)
                | Q(item__isnull=True, resolution__isnull=False),
                name="decision_taken_at_a_meeting_or_in_writing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.text[:60]}"

    @property
    def reference(self) -> str:
        short = "".join(ch for ch in self.body.short_name if ch.isalnum())
        return f"{short}/{self.year}/{self.number:03d}"

    # Where it was taken: an agenda item of a meeting, or a written resolution. The
    # register reads these, with ``item__meeting`` and ``resolution`` selected.

    @property
    def source(self):
        return self.item if self.item_id else self.resolution

    @property
    def title(self) -> str:
        return self.source.title

    @property
    def confidential(self) -> bool:
        return self.source.confidential

    @property
    def exemption_ground(self) -> str:
        return self.source.exemption_ground

    @property
    def day(self):
        if self.item_id:
            return self.item.meeting.day
        return self.resolution.decided_at.astimezone(LONDON).date()

    @property
    def meeting_id(self) -> int | None:
        return self.item.meeting_id if self.item_id else None


class Action(Revised, StruckOut):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    text = models.TextField()
    owner = models.CharField(max_length=200)
    owner_email = models.EmailField(
        blank=True, help_text="Reminded five working days before it is due, and when overdue."
    )
    due = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey("members.User", on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["due", "pk"]
        indexes = [
            models.Index(fields=["status", "due"]),
            # The action log reads the few open actions, never the years of finished ones.
            models.Index(
                fields=["meeting", "due"],
                condition=Q(status="open", struck_at__isnull=True),
                name="action_open_by_meeting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.owner}: {self.text[:60]}"
