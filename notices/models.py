"""Every notice Quorate sends, one row each, claimed before it is sent: its key (kind,
object, recipient, due date) is unique, so a retry, two sweeps at once, or a worker killed
mid-send never sends it twice, and a claim left behind by a dead worker is taken up again."""

from __future__ import annotations

from django.db import models


class Notice(models.Model):
    class Status(models.TextChoices):
        CLAIMED = "claimed", "Being sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        BOUNCED = "bounced", "Bounced"

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=40)
    person = models.ForeignKey(
        "members.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="notices"
    )
    address = models.EmailField()
    meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notices",
    )
    body = models.ForeignKey(
        "governance.Body",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notices",
        help_text="The body it is for: whose secretariat sees it in the log.",
    )
    subject = models.CharField(max_length=300)
    text = models.TextField(help_text="The message as sent, in plain text.")
    html = models.TextField(blank=True)
    ics = models.TextField(blank=True, help_text="A calendar invitation sent with it.")
    ics_method = models.CharField(max_length=8, blank=True)
    statutory = models.BooleanField(
        default=True, help_text="A notice the terms require: no one can opt out of it."
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.CLAIMED)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField()
    claim = models.CharField(
        max_length=32, blank=True, db_index=True, help_text="The sweep that claimed it last."
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True, help_text="The SMTP error, or the bounce's diagnosis.")
    bounced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-claimed_at", "-pk"]
        indexes = [
            models.Index(fields=["person", "-claimed_at"]),
            models.Index(fields=["body", "-claimed_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.subject} to {self.address} ({self.get_status_display()})"
