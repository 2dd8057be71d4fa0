"""Documents Quorate renders to PDF, for a meeting (agendas, agenda packs and supplementary
packs, minutes) or for a body (its register of decisions), and where each is in its
rendering: queued, rendering, ready or failed with the reason."""

from __future__ import annotations

from django.db import models

from meetings.storage import private_papers


class Document(models.Model):
    class Kind(models.TextChoices):
        AGENDA = "agenda", "Agenda, with confidential (Part B) items"
        PUBLIC_AGENDA = "public_agenda", "Agenda, public copy"
        PACK = "pack", "Agenda pack, with confidential (Part B) papers"
        PUBLIC_PACK = "public_pack", "Agenda pack, public (Part A)"
        SUPPLEMENT = "supplement", "Supplementary pack, with confidential (Part B) papers"
        PUBLIC_SUPPLEMENT = "public_supplement", "Supplementary pack, public (Part A)"
        MINUTES = "minutes", "Minutes, with confidential (Part B) business"
        PUBLIC_MINUTES = "public_minutes", "Minutes, public copy"
        REGISTER = "register", "Register of decisions, with confidential (Part B) decisions"
        PUBLIC_REGISTER = "public_register", "Register of decisions, public copy"
        TERMS = "terms", "Terms of reference in force, with the version history"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RENDERING = "rendering", "Rendering"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
    )
    body = models.ForeignKey(
        "governance.Body",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
        help_text="For a body's own documents (its register); empty for a meeting's.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    reason = models.TextField(blank=True, help_text="Why rendering failed.")
    fingerprint = models.CharField(
        max_length=64, help_text="Of the content rendered: a different one means out of date."
    )
    file = models.FileField(storage=private_papers, upload_to="documents/%Y/%m/", blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    requested_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "kind"],
                condition=models.Q(meeting__isnull=False),
                name="one_document_per_kind",
            ),
            models.UniqueConstraint(
                fields=["body", "kind"],
                condition=models.Q(meeting__isnull=True),
                name="one_body_document_per_kind",
            ),
            models.CheckConstraint(
                condition=models.Q(meeting__isnull=True) ^ models.Q(body__isnull=True),
                name="document_of_a_meeting_or_a_body",
            ),
        ]

    def __str__(self) -> str:
        of = self.meeting or self.body
        return f"{of}: {self.get_kind_display()} ({self.get_status_display()})"
