"""Bodies, the organisations that sit on them, and their terms of reference.

Organisation lives here rather than in ``members`` because the terms of reference themselves
name organisations: a seat is held "from which organisation", and a body's secretariat is
provided by one. Keeping it here lets ``governance`` stand alone (``governance`` ← ``members``
← ``meetings``).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from .rules import language


class Organisation(models.Model):
    class Kind(models.TextChoices):
        INTEGRATED_CARE_BOARD = "icb", "Integrated care board"
        CLINICAL_COMMISSIONING_GROUP = "ccg", "Clinical commissioning group"
        NHS_TRUST = "nhs_trust", "NHS trust or foundation trust"
        COUNTY_COUNCIL = "county_council", "Local authority (county)"
        UNITARY_AUTHORITY = "unitary_authority", "Local authority (unitary)"
        CITY_COUNCIL = "city_council", "Local authority (city)"
        DISTRICT_COUNCIL = "district_council", "Local authority (district)"
        LONDON_BOROUGH = "london_borough", "Local authority (London borough)"
        HEALTHWATCH = "healthwatch", "Healthwatch"
        VOLUNTARY_SECTOR = "voluntary_sector", "Voluntary and community sector"
        PRIMARY_CARE_NETWORK = "primary_care_network", "Primary care network"
        UNIVERSITY = "university", "University"
        OTHER = "other", "Other"

    LOCAL_AUTHORITY_KINDS = frozenset(
        {
            Kind.COUNTY_COUNCIL,
            Kind.UNITARY_AUTHORITY,
            Kind.CITY_COUNCIL,
            Kind.DISTRICT_COUNCIL,
            Kind.LONDON_BOROUGH,
        }
    )

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=40, blank=True)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.OTHER)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_local_authority(self) -> bool:
        return self.kind in self.LOCAL_AUTHORITY_KINDS

    @property
    def label(self) -> str:
        return self.short_name or self.name


class BodyQuerySet(models.QuerySet):
    def meeting_in_public(self) -> BodyQuerySet:
        return self.filter(meets_in_public=True)

    def raise_record_version(self) -> int:
        """Mark these bodies' cached snapshots out of date (members/freshness.py)."""
        return self.update(record_version=F("record_version") + 1)


class Body(models.Model):
    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=20, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    purpose = models.TextField(blank=True)
    duties = models.JSONField(
        default=list, blank=True, help_text="The body's duties, in the order its terms list them."
    )
    reports_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reporting_bodies",
    )
    reporting_arrangements = models.TextField(
        blank=True, help_text="How the body reports, in the words of its terms of reference."
    )
    secretariat_organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="secretariat_for",
    )
    default_location = models.CharField(max_length=200, blank=True)
    meets_in_public = models.BooleanField(default=False)
    meets_in_public_assumed = models.BooleanField(
        default=False, help_text="The terms do not say whether the body meets in public."
    )
    record_version = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Raised by every change to the body, its seats, their holders or its terms: "
        "the body's cached snapshot is kept under it (members/freshness.py).",
    )

    objects = BodyQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["record_version"])

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "bodies"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not isinstance(self.duties, list) or not all(
            isinstance(duty, str) and duty.strip() for duty in self.duties
        ):
            raise ValidationError({"duties": "Duties must be a list of non-empty sentences."})
        ancestor = self.reports_to
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError({"reports_to": "A body cannot report to itself."})
            ancestor = ancestor.reports_to

    def rule_names(self, seats: list[Seat] | None = None, categories=None) -> language.Names:
        """What the body's rules may refer to. Pass the seats (with their organisations and
        the organisations they also represent) and the categories if they are loaded."""
        if seats is None:
            seats = list(
                self.seats.select_related("organisation").prefetch_related("also_represents")
            )
        if categories is None:
            categories = dict(self.seat_categories.values_list("slug", "name"))
        organisations = {
            o.slug: o for s in seats for o in (s.organisation, *s.also_represents.all()) if o
        }
        return language.Names(
            seats={seat.key: seat.title for seat in seats},
            categories=categories,
            organisations={slug: o.name for slug, o in organisations.items()},
            organisation_kinds={slug: o.kind for slug, o in organisations.items()},
            in_attendance=tuple(s.key for s in seats if s.role == Seat.Role.IN_ATTENDANCE),
        )

    def terms_in_force(self, on: datetime.date) -> TermsOfReference | None:
        """The approved (or since superseded) version that governed the body on ``on``."""
        return (
            self.terms_versions.exclude(status=TermsOfReference.Status.DRAFT)
            .filter(effective_from__lte=on)
            .order_by("-effective_from", "-pk")
            .first()
        )


class TermsOfReference(models.Model):
    """One version of a body's terms of reference; every earlier version is kept."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"
        SUPERSEDED = "superseded", "Superseded"

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="terms_versions")
    version_label = models.CharField(max_length=40)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    prepared_on = models.DateField(null=True, blank=True)
    approved_on = models.DateField(null=True, blank=True)
    approved_by = models.CharField(
        max_length=200, blank=True, help_text="The body or person that approved this version."
    )
    author = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)
    effective_from = models.DateField(null=True, blank=True)
    review_due = models.DateField(null=True, blank=True)
    rules = models.JSONField(
        default=dict, blank=True, help_text="The rules in force under this version."
    )
    source_label = models.CharField(
        max_length=40,
        blank=True,
        help_text="The version in the body file this one was imported from (an amended "
        "version keeps the label it amends).",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["body", "-effective_from", "-prepared_on", "-pk"]
        verbose_name = "terms of reference version"
        constraints = [
            models.UniqueConstraint(
                fields=["body", "version_label"], name="terms_version_label_unique_per_body"
            ),
            models.UniqueConstraint(
                fields=["body"],
                condition=Q(status="approved"),
                name="one_current_approved_terms_per_body",
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | (Q(approved_on__isnull=False) & Q(effective_from__isnull=False)),
                name="approved_terms_have_approval_and_effective_dates",
            ),
            models.CheckConstraint(
                condition=Q(review_due__isnull=True)
                | Q(effective_from__isnull=True)
                | Q(review_due__gt=models.F("effective_from")),
                name="terms_review_after_effective_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body.short_name} terms of reference {self.version_label} ({self.status})"

    def body_rules(self, names: language.Names) -> language.BodyRules:
        """The engines' inputs for this version's rules."""
        return language.parse(self.rules, names)


class SeatCategory(models.Model):
    """A per-body tag on seats (clinical, provider, finance, elected member, …)."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="seat_categories")
    slug = models.SlugField(max_length=60)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["body", "name"]
        verbose_name_plural = "seat categories"
        constraints = [
            models.UniqueConstraint(fields=["body", "slug"], name="seat_category_unique_per_body"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.body.short_name})"


# Kept by name so that an import can give a new seat one history record, made once its
# categories and organisations are set, rather than one for each step.
SEAT_HISTORY = HistoricalRecords(m2m_fields=["categories", "also_represents"])


class Seat(models.Model):
    """A place on a body, defined by post and organisation as the terms of reference list it."""

    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        CO_CHAIR = "co_chair", "Co-chair"
        VICE_CHAIR = "vice_chair", "Vice chair"
        MEMBER = "member", "Member"
        IN_ATTENDANCE = "in_attendance", "In attendance (not a member)"

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="seats")
    key = models.SlugField(
        max_length=80, help_text="A stable name for the seat within its body, used in files."
    )
    position = models.PositiveSmallIntegerField(help_text="Order in the terms' membership list.")
    title = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="seats"
    )
    also_represents = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="seats_also_representing",
        help_text='Further organisations the seat speaks for ("representing both CCGs").',
    )
    categories = models.ManyToManyField(SeatCategory, blank=True, related_name="seats")
    voting = models.BooleanField(default=True)
    role = models.CharField(max_length=14, choices=Role.choices, default=Role.MEMBER)
    designate_may_attend = models.BooleanField(
        default=False, help_text='The terms allow the holder "or their designate".'
    )
    max_holders = models.PositiveSmallIntegerField(
        default=1, help_text="How many people may hold the seat at once."
    )
    notes = models.TextField(blank=True)

    history = SEAT_HISTORY

    class Meta:
        ordering = ["body", "position"]
        constraints = [
            models.UniqueConstraint(fields=["body", "key"], name="seat_key_unique_per_body"),
            models.UniqueConstraint(
                fields=["body", "position"], name="seat_position_unique_per_body"
            ),
            models.CheckConstraint(condition=Q(max_holders__gte=1), name="seat_has_a_holder"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.body.short_name})"

    def clean(self) -> None:
        if self.pk and self.body_id:
            foreign = self.categories.exclude(body_id=self.body_id)
            if foreign.exists():
                raise ValidationError("A seat's categories must belong to its own body.")


class ObligationDone(models.Model):
    """An occasion of an obligation in the terms (a report, a review, the chair's
    reappointment) recorded as done, so that the dashboard stops calling it due."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="obligations_done")
    key = models.SlugField(max_length=80)
    due_on = models.DateField()
    done_on = models.DateField()
    note = models.CharField(max_length=300, blank=True)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["body", "-due_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "key", "due_on"],
                name="obligation_done_once",
                violation_error_message="That occasion is already recorded as done.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} due {self.due_on:%-d %B %Y}, done {self.done_on:%-d %B %Y}"
