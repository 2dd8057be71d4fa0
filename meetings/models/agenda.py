"""An agenda, its papers, their publication, and apologies received before the meeting."""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from governance.models import Seat
from governance.rules.words import long_datetime
from members.models import Person

from ..storage import private_papers
from .base import Revised
from .schedule import Meeting


def exemption_ground(paragraph: int | None, reason: str = "") -> str:
    """Why Part B business is exempt, as the public documents state it."""
    if paragraph:
        return f"paragraph {paragraph} of Schedule 12A to the Local Government Act 1972"
    return f"the body's rules ({reason})"


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
    late_request = models.OneToOneField(
        "LatePublicationRequest",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="publication",
        help_text="The Chair's authorisation, given in the application.",
    )
    public_copy = models.BooleanField(
        default=False, help_text="A public copy (Part A only) was published at the same time."
    )
    notified = models.ManyToManyField(
        Person, blank=True, related_name="+", help_text="The members and deputies given notice."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["published_at"]
        # The news feed reads a body's publications newest first.
        indexes = [models.Index(fields=["published_at"], name="publication_newest")]
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


class LatePublicationRequest(models.Model):
    """The secretariat asks the Chair to authorise publishing after the notice deadline;
    the Chair answers in the application, so the authorisation is recorded by the Chair."""

    class Answer(models.TextChoices):
        AWAITED = "", "Awaiting the Chair"
        AUTHORISED = "authorised", "Authorised"
        REFUSED = "refused", "Refused"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="late_requests")
    reason = models.TextField(help_text="Why the papers are late (the exceptional circumstances).")
    requested_at = models.DateTimeField()
    requested_by = models.ForeignKey("members.User", on_delete=models.PROTECT, related_name="+")
    asked = models.ManyToManyField(Person, related_name="+", help_text="The chair or co-chairs.")
    answer = models.CharField(max_length=10, choices=Answer.choices, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answer_note = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answer="") | Q(answered_at__isnull=False, answered_by__isnull=False),
                name="late_request_answer_says_who_and_when",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: late publication, {self.get_answer_display().lower()}"

    @property
    def awaited(self) -> bool:
        return self.answer == self.Answer.AWAITED


class AgendaAgreement(models.Model):
    """The agenda agreed by whoever the terms say ("the Chair and Vice Chairs") before it is
    published: who agreed, and when."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agreements")
    agreed_by = models.CharField(max_length=300)
    agreed_at = models.DateTimeField()
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey("members.User", on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "recorded_at"]

    def __str__(self) -> str:
        return f"{self.meeting}: agenda agreed by {self.agreed_by}, {long_datetime(self.agreed_at)}"


class AgendaItem(Revised):
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
    author_email = models.EmailField(
        "Report author's e-mail",
        blank=True,
        help_text="Reminded before the paper is due, and when it is overdue.",
    )
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

    # The words the public search reads, kept by meetings/searchindex.py (PostgreSQL only).
    search = SearchVectorField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["search"])

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

    @property
    def exemption_ground(self) -> str:
        return exemption_ground(self.exempt_paragraph, self.exempt_reason)

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
        if self.parent_id and self.parent.part != self.part:
            part = self.get_part_display().split(" (")[0]
            raise ValidationError(
                {
                    "part": f"A sub-item is in the same part as its item, and this item is in "
                    f"{self.parent.get_part_display().split(' (')[0]}. To put it in {part}, "
                    "make it a main item instead."
                }
            )


MEDIA_TYPES = {
    "pdf": "application/pdf",
    "word": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "excel": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class PaperManager(models.Manager):
    """Papers without their words and search index, which only the search reads: a list of
    papers never loads the text of each."""

    def get_queryset(self):
        return super().get_queryset().defer("text", "search")


class Paper(Revised):
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
    # Read once on upload (meetings/paperreading.py): the words for the search, and for a PDF
    # what a screen reader needs (tagged: None until read, or when it could not be).
    text = models.TextField(blank=True)
    pdf_tagged = models.BooleanField(null=True, blank=True)
    pdf_title = models.CharField(max_length=300, blank=True)
    pdf_language = models.CharField(max_length=35, blank=True)
    published = models.ForeignKey(
        Publication, null=True, blank=True, on_delete=models.PROTECT, related_name="papers"
    )

    # The words the public search reads, kept by meetings/searchindex.py (PostgreSQL only).
    search = SearchVectorField(null=True, blank=True, editable=False)
    objects = PaperManager()
    history = HistoricalRecords(
        excluded_fields=["file", "text", "pdf_tagged", "pdf_title", "pdf_language", "search"]
    )

    class Meta:
        ordering = ["item", "pk"]

    @property
    def accessibility_gaps(self) -> list[str]:
        """What a screen reader would miss in this PDF, as read on upload."""
        if self.pdf_tagged is None:
            return []
        gaps = [] if self.pdf_tagged else ["not tagged for screen readers"]
        if not self.pdf_title:
            gaps.append("no document title")
        if not self.pdf_language:
            gaps.append("no language set")
        return gaps

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.file_format]

    @property
    def extension(self) -> str:
        """The file's extension, from its format (an old .doc or .xls keeps its own)."""
        if self.original_name.lower().endswith((".doc", ".xls")):
            return self.original_name.rsplit(".", 1)[-1].lower()
        return {"pdf": "pdf", "word": "docx", "excel": "xlsx"}[self.file_format]

    @property
    def download_name(self) -> str:
        """A file name every system accepts: "Budget 2027/28" downloads as
        "Budget 2027-28 v1.pdf", never as "28 v1.pdf"."""
        safe = re.sub(r'[:*?"<>|\x00-\x1f]+', "", self.title)
        safe = re.sub(r"\s+", " ", re.sub(r"[\\/]+", "-", safe)).strip(" .-") or "Paper"
        return f"{safe[:150]} v{self.version}.{self.extension}"

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


class DeputyRequest(models.Model):
    """A deputy a member named whom the terms admit only with the chair's agreement: asked of
    the chair (of each co-chair, where both must agree), who answers in Quorate. Until then
    the apologies stand without a deputy."""

    class Answer(models.TextChoices):
        AWAITED = "awaited", "Awaiting the chair's answer"
        AGREED = "agreed", "Agreed"
        REFUSED = "refused", "Refused"

    apology = models.OneToOneField(Apology, on_delete=models.CASCADE, related_name="request")
    deputy = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    asked = models.ManyToManyField(Person, related_name="deputy_requests")
    agreed = models.ManyToManyField(Person, related_name="+", blank=True)
    all_must_agree = models.BooleanField(default=False)
    requested_at = models.DateTimeField()
    answer = models.CharField(max_length=7, choices=Answer.choices, default=Answer.AWAITED)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answer_note = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.deputy} to deputise for {self.apology.person}"

    @property
    def awaited(self) -> bool:
        return self.answer == self.Answer.AWAITED
