"""Meetings of bodies."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from governance.models import Body, Seat
from governance.rules.words import long_datetime
from members.models import Person

from .storage import private_papers


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, now=None) -> MeetingQuerySet:
        return self.filter(starts_at__gte=now or timezone.now()).exclude(
            status=Meeting.Status.CANCELLED
        )

    def in_public(self) -> MeetingQuerySet:
        return self.filter(held_in_public=True)

    def visible_to(self, roles) -> MeetingQuerySet:
        """Meetings held in public, and every meeting of a body the user serves or sits on."""
        if roles.serves_all_bodies:
            return self.all()
        return self.filter(Q(held_in_public=True) | Q(body__in=roles.body_ids_with_access))

    def of_own_bodies(self, roles) -> MeetingQuerySet:
        """Meetings of the bodies the user serves, sits on or deputises for."""
        if roles.serves_all_bodies:
            return self.all()
        return self.filter(body__in=roles.body_ids_with_access)


class Meeting(models.Model):
    class Kind(models.TextChoices):
        ORDINARY = "ordinary", "Ordinary"
        EXTRAORDINARY = "extraordinary", "Extraordinary"

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        NOTICE_GIVEN = "notice_given", "Notice given"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    location = models.CharField(max_length=200, blank=True)
    online_link = models.URLField(blank=True)
    kind = models.CharField(max_length=14, choices=Kind.choices, default=Kind.ORDINARY)
    held_in_public = models.BooleanField(default=False)
    status = models.CharField(max_length=14, choices=Status.choices, default=Status.SCHEDULED)
    cancellation_reason = models.TextField(blank=True)
    current_item = models.ForeignKey(
        "AgendaItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The item the meeting is on, in the live console.",
    )
    presiding_override = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who presides, when not the person the chair arrangements give.",
    )
    presiding_override_reason = models.CharField(max_length=300, blank=True)
    console_version = models.PositiveIntegerField(
        default=0,
        help_text="Raised by every change in the console, so that two clerks "
        "never silently overwrite each other.",
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_it_starts"
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancellation_reason=""),
                name="cancelled_meeting_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(location="") | ~Q(online_link=""),
                name="meeting_has_location_or_link",
            ),
            models.UniqueConstraint(fields=["body", "starts_at"], name="one_meeting_per_start"),
        ]
        indexes = [models.Index(fields=["body", "starts_at"]), models.Index(fields=["starts_at"])]

    def __str__(self) -> str:
        kind = "Extraordinary meeting" if self.kind == self.Kind.EXTRAORDINARY else "Meeting"
        return f"{self.body.short_name}: {kind}, {long_datetime(self.starts_at)}"

    @property
    def title(self) -> str:
        kind = "extraordinary meeting" if self.kind == self.Kind.EXTRAORDINARY else "meeting"
        return f"{self.body.name} {kind}"

    def clean(self) -> None:
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "The meeting must end after it starts."
        if self.status == self.Status.CANCELLED and not self.cancellation_reason.strip():
            errors["cancellation_reason"] = "Say why the meeting is cancelled."
        if not (self.location.strip() or self.online_link.strip()):
            errors["location"] = "Give a location, an online link, or both."
        if errors:
            raise ValidationError(errors)


class MeetingChange(models.Model):
    """A rescheduling or cancellation, kept for the members' notices."""

    class Kind(models.TextChoices):
        RESCHEDULED = "rescheduled", "Rescheduled"
        CANCELLED = "cancelled", "Cancelled"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    previous_starts_at = models.DateTimeField()
    new_starts_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField()
    changed_at = models.DateTimeField()
    changed_by = models.ForeignKey(
        "members.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-changed_at"]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.get_kind_display().lower()}"


class Publication(models.Model):
    """One act of publishing: the agenda and papers, or a supplement after it."""

    class Kind(models.TextChoices):
        AGENDA = "agenda", "Agenda and papers"
        SUPPLEMENT = "supplement", "Supplementary papers or items"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="publications")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    published_at = models.DateTimeField()
    published_by = models.ForeignKey("members.User", on_delete=models.PROTECT, related_name="+")
    deadline = models.DateTimeField(help_text="The notice deadline when this was published.")
    late = models.BooleanField(default=False)
    chair_authorised_by = models.CharField(
        max_length=200, blank=True, help_text="The Chair who authorised late publication."
    )
    chair_authorised_at = models.DateTimeField(null=True, blank=True)
    chair_authorisation_reason = models.TextField(blank=True)
    public_copy = models.BooleanField(
        default=False, help_text="A public copy (Part A only) was published at the same time."
    )
    notified = models.ManyToManyField(
        Person, blank=True, related_name="+", help_text="The members and deputies given notice."
    )

    class Meta:
        ordering = ["published_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(late=False)
                | (
                    ~Q(chair_authorised_by="")
                    & Q(chair_authorised_at__isnull=False)
                    & ~Q(chair_authorisation_reason="")
                ),
                name="late_publication_has_chair_authorisation",
            ),
        ]

    def __str__(self) -> str:
        late = ", late with the Chair's authorisation" if self.late else ""
        when = long_datetime(self.published_at)
        return f"{self.meeting}: {self.get_kind_display()} published {when}{late}"


class AgendaItem(models.Model):
    class Purpose(models.TextChoices):
        DECISION = "decision", "For decision"
        APPROVAL = "approval", "For approval"
        ASSURANCE = "assurance", "For assurance"
        DISCUSSION = "discussion", "For discussion"
        INFORMATION = "information", "For information"

    class Part(models.TextChoices):
        A = "A", "Part A (public)"
        B = "B", "Part B (confidential)"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    presenter = models.CharField(max_length=200, blank=True)
    purpose = models.CharField(max_length=12, choices=Purpose.choices, default=Purpose.DISCUSSION)
    business_type = models.CharField(
        max_length=60, blank=True, help_text="Selects the quorum rule; empty for the default."
    )
    minutes_allotted = models.PositiveSmallIntegerField(null=True, blank=True)
    part = models.CharField(max_length=1, choices=Part.choices, default=Part.A)
    exempt_paragraph = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Paragraph of Schedule 12A to the Local Government Act 1972 (1 to 7).",
    )
    exempt_reason = models.CharField(max_length=300, blank=True)
    standing = models.BooleanField(default=False)
    paper_expected = models.BooleanField(
        default=True, help_text="A paper is expected from the report's author."
    )
    supplementary = models.BooleanField(
        default=False, help_text="Added after the agenda was published."
    )
    published = models.ForeignKey(
        Publication, null=True, blank=True, on_delete=models.PROTECT, related_name="items"
    )

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(part="A") | Q(exempt_paragraph__isnull=False) | ~Q(exempt_reason=""),
                name="part_b_item_gives_its_ground",
            ),
            models.CheckConstraint(
                condition=Q(exempt_paragraph__isnull=True)
                | Q(exempt_paragraph__gte=1, exempt_paragraph__lte=7),
                name="schedule_12a_paragraph_1_to_7",
            ),
        ]
        indexes = [models.Index(fields=["meeting", "position"])]

    def __str__(self) -> str:
        return f"{self.meeting.body.short_name} item: {self.title}"

    @property
    def confidential(self) -> bool:
        return self.part == self.Part.B

    def clean(self) -> None:
        if self.part == self.Part.B and not (self.exempt_paragraph or self.exempt_reason.strip()):
            raise ValidationError(
                {
                    "exempt_paragraph": "A Part B item needs the paragraph of "
                    "Schedule 12A, or another stated reason, that makes it "
                    "confidential."
                }
            )
        if self.part == self.Part.A:
            self.exempt_paragraph, self.exempt_reason = None, ""
        if self.parent_id and self.parent.parent_id:
            raise ValidationError({"parent": "Sub-items go one level deep."})


class Paper(models.Model):
    """One version of a paper. A published version is never replaced: a new version is
    marked revised or supplementary, and the earlier one stays downloadable."""

    class Kind(models.TextChoices):
        ORIGINAL = "original", "Paper"
        REVISED = "revised", "Revised paper"
        SUPPLEMENTARY = "supplementary", "Supplementary paper"

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        WORD = "word", "Word document"
        EXCEL = "excel", "Excel workbook"

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="papers")
    title = models.CharField(max_length=300)
    author = models.CharField(max_length=200)
    kind = models.CharField(max_length=14, choices=Kind.choices, default=Kind.ORIGINAL)
    version = models.PositiveSmallIntegerField(default=1)
    replaces = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by"
    )
    file = models.FileField(storage=private_papers, upload_to="papers/%Y/%m/")
    file_format = models.CharField(max_length=6, choices=Format.choices)
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField()
    uploaded_by = models.ForeignKey("members.User", on_delete=models.PROTECT, related_name="+")
    published = models.ForeignKey(
        Publication, null=True, blank=True, on_delete=models.PROTECT, related_name="papers"
    )

    class Meta:
        ordering = ["item", "pk"]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    @property
    def is_current(self) -> bool:
        return not hasattr(self, "replaced_by")


class Apology(models.Model):
    """Apologies for a seat, and the deputy sent instead if any."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="apologies")
    seat = models.ForeignKey(Seat, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="apologies")
    deputy = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="deputising"
    )
    chair_agreed = models.BooleanField(default=False)
    chair_agreed_by = models.CharField(max_length=200, blank=True)
    received_at = models.DateTimeField()
    recorded_by = models.ForeignKey("members.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["meeting", "seat__position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_apology_per_person"),
            models.CheckConstraint(
                condition=Q(chair_agreed=False) | ~Q(chair_agreed_by=""),
                name="chair_agreement_names_the_chair",
            ),
        ]
        verbose_name_plural = "apologies"

    def __str__(self) -> str:
        deputy = f", deputy {self.deputy}" if self.deputy_id else ""
        return f"Apologies from {self.person} ({self.seat.title}){deputy}"


class Attendance(models.Model):
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
    left_during = models.ForeignKey(
        "AgendaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    chair_agreed_by = models.CharField(max_length=200, blank=True)
    revision = models.PositiveIntegerField(
        default=0, help_text="Raised by every change, so two clerks never overwrite each other."
    )
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey("members.User", on_delete=models.PROTECT, related_name="+")

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


class Vote(models.Model):
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

    class Meta:
        ordering = ["item", "recorded_at"]

    def __str__(self) -> str:
        return f"{self.motion}: {'carried' if self.carried else 'not carried'}"


class Decision(models.Model):
    class Outcome(models.TextChoices):
        AGREED_BY_CONSENSUS = "consensus", "Agreed by consensus"
        CARRIED_ON_A_VOTE = "carried", "Carried on a vote"
        LOST_ON_A_VOTE = "lost", "Not carried on a vote"
        RECOMMENDED = "recommended", "Recommended to the body with authority"
        DEFERRED = "deferred", "Deferred"
        NOTED = "noted", "Noted without decision"

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="decisions")
    year = models.PositiveSmallIntegerField()
    number = models.PositiveIntegerField()
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="decisions")
    text = models.TextField()
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
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

    class Meta:
        ordering = ["body", "year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year", "number"], name="decision_number_unique_per_body_and_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.text[:60]}"

    @property
    def reference(self) -> str:
        short = "".join(ch for ch in self.body.short_name if ch.isalnum())
        return f"{short}/{self.year}/{self.number:03d}"


class Action(models.Model):
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
    due = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey("members.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["due", "pk"]
        indexes = [models.Index(fields=["status", "due"])]

    def __str__(self) -> str:
        return f"{self.owner}: {self.text[:60]}"
