"""Meetings of bodies."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from governance.models import Body
from governance.rules.words import long_datetime


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
