"""People and how they relate to bodies: appointments to seats, deputies, declared interests."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.crypto import salted_hmac
from simple_history.models import HistoricalRecords

from governance.models import Body, Organisation, Seat


class User(AbstractUser):
    """A sign-in account. Roles come from secretariat duties here and from the linked Person."""

    serves_all_bodies = models.BooleanField(
        "secretariat for all bodies",
        default=False,
        help_text="A secretariat officer for every body, present and future.",
    )
    secretariat_bodies = models.ManyToManyField(
        Body,
        blank=True,
        related_name="secretariat_users",
        help_text="The bodies this user serves as secretariat.",
    )
    session_generation = models.PositiveIntegerField(
        default=0, help_text="Raised to sign the user out everywhere."
    )

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def _get_session_auth_hash(self, secret=None):
        """Every session carries this hash; raising ``session_generation`` ends them all,
        as changing the password does, without changing it."""
        return salted_hmac(
            "members.User.get_session_auth_hash",
            f"{self.password}:{self.session_generation}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()


class DatedQuerySet(models.QuerySet):
    """Rows with ``starts_on`` and an optional ``ends_on``, both inclusive."""

    def current(self, on: datetime.date) -> DatedQuerySet:
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on), starts_on__lte=on)


def _dates_in_order(prefix: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
        name=f"{prefix}_ends_on_or_after_start",
    )


class Dated(models.Model):
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True, help_text="Leave empty while it continues.")

    objects = DatedQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_current(self, on: datetime.date) -> bool:
        return self.starts_on <= on and (self.ends_on is None or self.ends_on >= on)

    def overlaps(self, other: Dated) -> bool:
        far = datetime.date.max
        return self.starts_on <= (other.ends_on or far) and other.starts_on <= (self.ends_on or far)

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "The end date must not be before the start date."})


class Person(models.Model):
    honorific = models.CharField(max_length=40, blank=True, help_text="Dr, Cllr, Professor, …")
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    job_title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    courtesy_reminders = models.BooleanField(
        default=True,
        help_text="Reminders such as “the meeting is tomorrow”; never the notices the terms "
        "require.",
    )
    user = models.OneToOneField(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )
    revision = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords(excluded_fields=["courtesy_reminders"])

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name_plural = "people"
        indexes = [models.Index(fields=["family_name", "given_name"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.honorific, self.given_name, self.family_name) if p)


class Appointment(Dated):
    """A person holds a seat from a date to a date, in one of the seat's places."""

    class Tenure(models.TextChoices):
        SUBSTANTIVE = "substantive", "Substantive"
        ACTING = "acting", "Acting"
        INTERIM = "interim", "Interim"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="appointments")
    seat = models.ForeignKey(Seat, on_delete=models.PROTECT, related_name="appointments")
    place = models.PositiveSmallIntegerField(
        default=1, help_text="Which of the seat's places the person fills (1 for most seats)."
    )
    tenure = models.CharField(max_length=12, choices=Tenure.choices, default=Tenure.SUBSTANTIVE)

    history = HistoricalRecords()

    class Meta:
        ordering = ["seat", "place", "-starts_on"]
        constraints = [
            _dates_in_order("appointment"),
            models.CheckConstraint(condition=Q(place__gte=1), name="appointment_place_positive"),
            # At most one open-ended holder of each place; clean() checks dated overlaps.
            models.UniqueConstraint(
                fields=["seat", "place"],
                condition=Q(ends_on__isnull=True),
                name="one_current_holder_per_seat_place",
            ),
        ]
        indexes = [models.Index(fields=["seat", "ends_on"]), models.Index(fields=["person"])]

    def __str__(self) -> str:
        tenure = "" if self.tenure == self.Tenure.SUBSTANTIVE else f" ({self.get_tenure_display()})"
        return f"{self.person} as {self.seat}{tenure}"

    def clean(self) -> None:
        super().clean()
        if not (self.seat_id and self.starts_on):
            return
        if self.place > self.seat.max_holders:
            raise ValidationError(
                {"place": f"This seat has {self.seat.max_holders} place(s); choose one of them."}
            )
        others = Appointment.objects.filter(seat_id=self.seat_id).exclude(pk=self.pk)
        for other in others:
            if other.overlaps(self) and other.place == self.place:
                raise ValidationError(
                    f"{other.person} already holds this place on the seat from "
                    f"{other.starts_on:%-d %B %Y}; end that appointment first or choose "
                    "another place."
                )
            if other.overlaps(self) and other.person_id == self.person_id:
                raise ValidationError(f"{other.person} already holds this seat at that time.")


class DeputyNomination(Dated):
    """A person nominated to deputise for a seat's holder."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="deputy_nominations")
    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="deputy_nominations")
    notes = models.CharField(max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["seat", "-starts_on"]
        constraints = [
            _dates_in_order("deputy_nomination"),
            models.UniqueConstraint(
                fields=["person", "seat", "starts_on"], name="deputy_nomination_unique"
            ),
        ]
        indexes = [models.Index(fields=["seat", "ends_on"])]

    def __str__(self) -> str:
        return f"{self.person}, deputy for {self.seat}"


class InterestDeclaration(Dated):
    """A declared interest, in the four categories of NHS England's conflicts guidance."""

    class Category(models.TextChoices):
        FINANCIAL = "financial", "Financial interest"
        NON_FINANCIAL_PROFESSIONAL = "non_financial_professional", "Non-financial professional"
        NON_FINANCIAL_PERSONAL = "non_financial_personal", "Non-financial personal"
        INDIRECT = "indirect", "Indirect interest"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="interests")
    category = models.CharField(max_length=30, choices=Category.choices)
    description = models.TextField()
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="declared_interests",
        help_text="The organisation the interest relates to, if any.",
    )
    declared_on = models.DateField()
    action_taken = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "-declared_on"]
        constraints = [_dates_in_order("interest")]
        indexes = [models.Index(fields=["organisation"])]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_category_display()}, {self.description[:60]}"


class InterestReturn(models.Model):
    """A person's declaration that their entry in the register of interests is complete, made
    on appointment and then each year; ``nil`` when they had no interest to declare."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="interest_returns")
    made_on = models.DateField()
    nil = models.BooleanField()
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["person", "-made_on"]
        indexes = [models.Index(fields=["person", "-made_on"])]

    def __str__(self) -> str:
        return f"{self.person}: {'nil return' if self.nil else 'declaration'}, {self.made_on}"


class CalendarToken(models.Model):
    """A user's private calendar address. Only a digest of its secret is kept: the address is
    shown once, to its owner, when it is made; making another or stopping it revokes it."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="calendar_token")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Calendar address of {self.user}"


class OutboxQuerySet(models.QuerySet):
    def addressed_to(self, addresses: set[str]) -> OutboxQuerySet:
        """Messages with any of ``addresses`` among their recipients (", "-separated)."""
        match = Q(pk__in=[])
        for address in filter(None, addresses):
            match |= (
                Q(to__iexact=address)
                | Q(to__istartswith=f"{address}, ")
                | Q(to__iendswith=f", {address}")
                | Q(to__icontains=f", {address}, ")
            )
        return self.filter(match)


class OutboxMessage(models.Model):
    """A copy of every e-mail sent in the embedded default; each person reads their own at
    /outbox/. A message with a secret in it is kept without the secret."""

    to = models.TextField()
    subject = models.CharField(max_length=300)
    body = models.TextField()
    html_body = models.TextField(blank=True)
    withheld = models.BooleanField(
        default=False, help_text="It held a secret (a sign-in link), which is not kept."
    )
    sent_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.subject} to {self.to}"
