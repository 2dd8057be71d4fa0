"""Documents Quorate renders to PDF for a meeting (agenda packs, minutes), and where each is
in its rendering: queued, rendering, ready or failed with the reason."""

from __future__ import annotations

from django.db import models

from meetings.storage import private_papers


class Document(models.Model):
    class Kind(models.TextChoices):
        PACK = "pack", "Agenda pack, with confidential (Part B) papers"
        PUBLIC_PACK = "public_pack", "Agenda pack, public (Part A)"
        MINUTES = "minutes", "Minutes, with confidential (Part B) business"
        PUBLIC_MINUTES = "public_minutes", "Minutes, public copy"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RENDERING = "rendering", "Rendering"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
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
            models.UniqueConstraint(fields=["meeting", "kind"], name="one_document_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.get_kind_display()} ({self.get_status_display()})"

    @property
    def confidential(self) -> bool:
        return self.kind in {self.Kind.PACK, self.Kind.MINUTES}
