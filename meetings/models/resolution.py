"""Decisions outside meetings: a written resolution put to the members by a date, their
answers (given in the application, or e-mailed and recorded by the secretariat with the
e-mail kept), and the verdict the body's own rule gives on them."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from governance.models import Body, Seat
from governance.rules.words import long_datetime
from members.models import Person

from ..storage import private_papers
from .agenda import AgendaItem, exemption_ground
from .base import Revised


class WrittenResolution(Revised):
    class Status(models.TextChoices):
        OPEN = "open", "Awaiting answers"
        VALID = "valid", "Decided: valid"
        NOT_VALID = "not_valid", "Decided: not valid"
        WITHDRAWN = "withdrawn", "Withdrawn"

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="resolutions")
    title = models.CharField(max_length=300)
    text = models.TextField(help_text="The resolution the members are asked to agree.")
    business_type = models.CharField(max_length=60, blank=True)
    part = models.CharField(
        max_length=1, choices=AgendaItem.Part.choices, default=AgendaItem.Part.A
    )
    exempt_paragraph = models.PositiveSmallIntegerField(null=True, blank=True)
    paper = models.FileField(storage=private_papers, upload_to="resolutions/%Y/%m/", blank=True)
    paper_name = models.CharField(max_length=255, blank=True)
    respond_by = models.DateTimeField()
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey("members.User", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    decided_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(
        default=dict, blank=True, help_text="The rule's verdict and its reasons, as decided."
    )
    report_item = models.OneToOneField(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="written_resolution",
        help_text="The report-back item on the next meeting's agenda.",
    )

    history = HistoricalRecords(excluded_fields=["paper"])

    class Meta:
        ordering = ["-issued_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(part="A") | Q(exempt_paragraph__gte=1, exempt_paragraph__lte=7),
                name="confidential_resolution_gives_its_paragraph",
            ),
            models.CheckConstraint(
                condition=Q(status="open") | Q(decided_at__isnull=False),
                name="closed_resolution_has_its_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "respond_by"])]

    def __str__(self) -> str:
        return f"{self.body.short_name}: {self.title} (answers by {long_datetime(self.respond_by)})"

    @property
    def confidential(self) -> bool:
        return self.part == AgendaItem.Part.B

    @property
    def exemption_ground(self) -> str:
        return exemption_ground(self.exempt_paragraph)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class ResolutionAnswer(Revised):
    """One member's (or deputy's) answer; changed until the resolution is decided, with each
    earlier answer kept in the history."""

    class Answer(models.TextChoices):
        FOR = "for", "For"
        AGAINST = "against", "Against"
        ABSTAIN = "abstain", "Abstain"
        CONFLICT = "conflict", "Conflict of interest declared: no answer"

    class Capacity(models.TextChoices):
        MEMBER = "member", "Member"
        DEPUTY = "deputy", "Deputy"

    class Via(models.TextChoices):
        APPLICATION = "application", "In the application"
        EMAIL = "email", "By e-mail, recorded by the secretariat"

    resolution = models.ForeignKey(
        WrittenResolution, on_delete=models.CASCADE, related_name="answers"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    seat = models.ForeignKey(Seat, on_delete=models.PROTECT, related_name="+")
    capacity = models.CharField(max_length=6, choices=Capacity.choices, default=Capacity.MEMBER)
    answer = models.CharField(max_length=8, choices=Answer.choices)
    comment = models.TextField(blank=True)
    via = models.CharField(max_length=11, choices=Via.choices)
    email = models.FileField(
        storage=private_papers, upload_to="resolutions/answers/%Y/%m/", blank=True
    )
    email_name = models.CharField(max_length=255, blank=True)
    answered_at = models.DateTimeField()
    recorded_by = models.ForeignKey("members.User", on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords(excluded_fields=["email"])

    class Meta:
        ordering = ["resolution", "answered_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "person", "seat"], name="one_answer_per_person_and_seat"
            ),
            models.CheckConstraint(
                condition=Q(via="application") | ~Q(email=""),
                name="emailed_answer_keeps_the_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_answer_display().lower()} ({self.resolution.title})"
