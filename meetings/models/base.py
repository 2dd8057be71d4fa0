"""What records that a clerk may change or strike out have in common."""

from __future__ import annotations

from django.db import models


class Revised(models.Model):
    """A record two clerks may change at once: each change raises the revision, and a change
    made from an older revision is refused rather than silently overwriting the newer one."""

    revision = models.PositiveIntegerField(
        default=0, help_text="Raised by every change, so two clerks never overwrite each other."
    )

    class Meta:
        abstract = True


class StruckOut(models.Model):
    """A record struck out by the secretariat stays in the record, marked, with the reason."""

    struck_at = models.DateTimeField(null=True, blank=True)
    struck_by = models.ForeignKey(
        "members.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    struck_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        abstract = True

    @property
    def struck(self) -> bool:
        return self.struck_at is not None
