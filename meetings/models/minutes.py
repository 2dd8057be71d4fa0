"""The minutes of a meeting: drafted from the record, approved by the chair, circulated, and
confirmed at the next meeting, after which they are signed and locked."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from members.models import Person

from .agenda import AgendaItem
from .base import Revised
from .record import Decision
from .schedule import Meeting


class Minutes(Revised):
    """The minutes of one meeting. The record's parts (who was there, declarations, votes,
    decisions, actions) are read from the record each time until the minutes are confirmed,
    so a correction in the record shows in the draft; the clerk writes each item's minute."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        WITH_CHAIR = "with_chair", "With the chair for approval"
        RETURNED = "returned", "Returned by the chair with comments"
        APPROVED = "approved", "Approved by the chair"
        CIRCULATED = "circulated", "Circulated to members"
        CONFIRMED = "confirmed", "Confirmed as a correct record"

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    drafted_at = models.DateTimeField()
    drafted_by = models.ForeignKey("members.User", on_delete=models.PROTECT, related_name="+")
    chair = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Who approves the draft: whoever presided, unless the clerk names another.",
    )
    sent_to_chair_at = models.DateTimeField(null=True, blank=True)
    chair_decided_at = models.DateTimeField(null=True, blank=True)
    chair_decided_by = models.ForeignKey(
        "members.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    chair_comments = models.TextField(blank=True)
    circulated_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.OneToOneField(
        Decision,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="confirms_minutes",
        help_text="The next meeting's decision that these are a correct record.",
    )
    signed_by = models.CharField(max_length=200, blank=True, help_text="Who presided.")
    signed_on = models.DateField(null=True, blank=True)
    signed_text = models.TextField(blank=True, help_text="The confirmed minutes, as signed.")
    signed_public_text = models.TextField(blank=True, help_text="Their public (Part A) copy.")

    # The words the public search reads, kept by meetings/searchindex.py (PostgreSQL only).
    search = SearchVectorField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["signed_text", "signed_public_text", "search"])

    class Meta:
        verbose_name_plural = "minutes"
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="confirmed")
                | (Q(confirmed_by__isnull=False) & ~Q(signed_text="")),
                name="confirmed_minutes_are_signed",
            ),
        ]

    def __str__(self) -> str:
        return f"Minutes: {self.meeting}"

    @property
    def locked(self) -> bool:
        return self.status == self.Status.CONFIRMED

    @property
    def editable(self) -> bool:
        """The clerk edits a draft, or one the chair returned; once with the chair or
        approved, a change would not be what the chair approved."""
        return self.status in {self.Status.DRAFT, self.Status.RETURNED}


class ItemMinute(Revised):
    """The minute of one agenda item, as the clerk writes it (sanitised HTML), and for an
    exempt item the summary the public may read where the clerk gives one."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="item_minutes")
    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="minute")
    text = models.TextField(blank=True)
    public_summary = models.TextField(
        blank=True,
        help_text="For an exempt item: what the public minutes say of it, where leaving it out "
        "would leave no coherent record.",
    )
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey("members.User", on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["minutes", "item__position"]

    def __str__(self) -> str:
        return f"Minute: {self.item.title}"


class MinutesAmendment(models.Model):
    """An amendment agreed when the next meeting confirmed the minutes, item by item."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="amendments")
    item_minute = models.ForeignKey(ItemMinute, on_delete=models.CASCADE, related_name="+")
    wording = models.TextField(help_text="The amendment as agreed.")
    agreed_by = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["minutes", "item_minute__item__position"]

    def __str__(self) -> str:
        return f"Amendment to {self.item_minute}"
