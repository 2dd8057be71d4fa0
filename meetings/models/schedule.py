"""When a body meets: meetings, their changes, and adjournments on the day."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from config import clock
from governance.models import Body
from governance.rules.words import LONDON, london_midnight, long_datetime
from members.models import Person

from .base import Revised


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, now=None) -> MeetingQuerySet:
        return self.filter(starts_at__gte=now or clock.now()).exclude(
            status=Meeting.Status.CANCELLED
        )

    def on_days(self, first: datetime.date | None = None, last: datetime.date | None = None):
        """Meetings that start on the London days ``first`` to ``last`` (either may be open):
        a range of the indexed start time, never each row's date worked out, which would read
        every meeting the body ever held."""
        found = self if first is None else self.filter(starts_at__gte=london_midnight(first))
        if last is not None:
            found = found.filter(starts_at__lt=london_midnight(last + datetime.timedelta(days=1)))
        return found

    def in_public(self) -> MeetingQuerySet:
        return self.filter(held_in_public=True)

    def visible_to(self, roles) -> MeetingQuerySet:
        """Meetings held in public, and every meeting of a body the user serves or sits on."""
        if roles.serves_all_bodies:
            return self.all()
        return self.filter(Q(held_in_public=True) | Q(body__in=roles.body_ids_with_access))

    def listed_for(self, roles) -> MeetingQuerySet:
        """What the user may see, and also the meetings in private of the bodies that meet in
        public, each of those to show only its date and body: ``openable`` says which is which."""
        if roles.serves_all_bodies:
            return self.annotate(openable=models.Value(True))
        visible = Q(held_in_public=True) | Q(body__in=roles.body_ids_with_access)
        return self.filter(visible | Q(body__meets_in_public=True)).annotate(
            openable=models.ExpressionWrapper(visible, output_field=models.BooleanField())
        )

    def chair_turns(self, meetings) -> dict[int, int]:
        """Each meeting's place in its body's run of meetings (cancelled ones left out), from
        0: co-chairs who "alternate in chairing" take turns by it. Two queries."""
        meetings = list(meetings)
        if not meetings:
            return {}
        bodies = {m.body_id for m in meetings}
        first = min(m.starts_at for m in meetings)
        last = max(m.starts_at for m in meetings)
        live = Meeting.objects.filter(body__in=bodies).exclude(status=Meeting.Status.CANCELLED)
        counted = dict(
            live.filter(starts_at__lt=first)
            .values("body")
            .annotate(n=models.Count("pk"))
            .values_list("body", "n")
        )
        turns = {}
        for pk, body in (
            live.filter(starts_at__gte=first, starts_at__lte=last)
            .order_by("starts_at", "pk")
            .values_list("pk", "body_id")
        ):
            turns[pk] = counted.get(body, 0)
            counted[body] = turns[pk] + 1
        return turns

    def of_own_bodies(self, roles) -> MeetingQuerySet:
        """Meetings of the bodies the user serves, sits on or deputises for."""
        if roles.serves_all_bodies:
            return self.all()
        return self.filter(body__in=roles.body_ids_with_access)


class Meeting(Revised):
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
    history_note = models.CharField(
        max_length=300,
        blank=True,
        help_text="Why a meeting was added after its date (entering the record of the past).",
    )
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
    closed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the person presiding closed the meeting."
    )
    closed_by = models.ForeignKey(
        "members.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["current_item", "revision"])

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="meeting_ends_after_it_starts",
                violation_error_message="The meeting must end after it starts.",
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancellation_reason=""),
                name="cancelled_meeting_has_reason",
                violation_error_message="Say why the meeting is cancelled.",
            ),
            models.CheckConstraint(
                condition=~Q(location="") | ~Q(online_link=""),
                name="meeting_has_location_or_link",
                violation_error_message="Give a location, an online link, or both.",
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(closed_at__gt=F("starts_at")),
                name="meeting_closes_after_it_starts",
                violation_error_message="The meeting must close after it starts.",
            ),
            models.UniqueConstraint(
                fields=["body", "starts_at"],
                name="one_meeting_per_start",
                violation_error_message="The body already has a meeting starting at that time.",
            ),
        ]
        indexes = [models.Index(fields=["body", "starts_at"]), models.Index(fields=["starts_at"])]

    def __str__(self) -> str:
        kind = "Extraordinary meeting" if self.kind == self.Kind.EXTRAORDINARY else "Meeting"
        return f"{self.body.short_name}: {kind}, {long_datetime(self.starts_at)}"

    @property
    def title(self) -> str:
        kind = "extraordinary meeting" if self.kind == self.Kind.EXTRAORDINARY else "meeting"
        return f"{self.body.name} {kind}"

    @property
    def day(self):
        """The meeting's date in London: the one place every caller gets it from."""
        return self.starts_at.astimezone(LONDON).date()

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

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


class Adjournment(models.Model):
    """The meeting adjourned during an item, and when it resumed."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="adjournments")
    during = models.ForeignKey(
        "AgendaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    adjourned_at = models.DateTimeField()
    reason = models.CharField(max_length=300)
    resumed_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey("members.User", on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "adjourned_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resumed_at__isnull=True) | Q(resumed_at__gt=F("adjourned_at")),
                name="adjournment_resumes_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: adjourned {long_datetime(self.adjourned_at)}"


class PlannedItem(models.Model):
    """An entry in a body's forward plan: business it expects to take at a meeting to come
    (or in a month, or not yet scheduled), published so members and the public can see what
    is coming. Business expected in private says so, with the paragraph, and no more."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="forward_plan")
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    expected_month = models.DateField(
        null=True, blank=True, help_text="The first of the month expected, if no meeting yet."
    )
    decision_expected = models.BooleanField(default=False)
    lead = models.CharField(max_length=200, blank=True)
    exempt_paragraph = models.PositiveSmallIntegerField(null=True, blank=True)
    added_at = models.DateTimeField()
    added_by = models.ForeignKey("members.User", on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["body", "expected_month", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(exempt_paragraph__isnull=True)
                | Q(exempt_paragraph__gte=1, exempt_paragraph__lte=7),
                name="planned_item_paragraph_of_schedule_12a",
            )
        ]

    def __str__(self) -> str:
        return f"{self.body.short_name}: {self.title}"


class ConsoleVersion(models.Model):
    """How many changes a meeting's record has had while it sits: the other console screens
    ask for it every two seconds and redraw when it has moved. Kept apart from the meeting's
    row, so that a click in the room does not change every page that lists meetings (the page
    cache keeps a page until a table it read is written)."""

    meeting = models.OneToOneField(
        Meeting, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.meeting}: change {self.number}"
