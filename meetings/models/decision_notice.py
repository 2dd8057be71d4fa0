"""The notice of a meeting's decisions: published within the body's deadline, it starts the
call-in period, after which the decisions may be carried out."""

from __future__ import annotations

from django.db import models

from .schedule import Meeting


class DecisionNotice(models.Model):
    """The published notice. Its text is kept as published (for members, and for the public
    with exempt decisions withheld): a later correction of the record does not rewrite it."""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="decision_notice"
    )
    published_at = models.DateTimeField()
    published_by = models.ForeignKey("members.User", on_delete=models.PROTECT, related_name="+")
    call_in_ends = models.DateField(
        null=True, blank=True, help_text="The last day a decision may be called in."
    )
    members_text = models.TextField()
    public_text = models.TextField()

    class Meta:
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return f"Notice of decisions: {self.meeting}"
