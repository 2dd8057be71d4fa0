"""factory_boy factories for every model."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import factory

from governance.models import Body, Organisation, Seat, SeatCategory, TermsOfReference
from meetings.models import Meeting
from members.models import Appointment, DeputyNomination, InterestDeclaration, Person, User

LONDON = ZoneInfo("Europe/London")
PASSWORD = "correct-horse-battery"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = Organisation.Kind.NHS_TRUST


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    name = factory.Sequence(lambda n: f"Partnership Board {n}")
    short_name = factory.Sequence(lambda n: f"PB{n}")
    slug = factory.Sequence(lambda n: f"partnership-board-{n}")
    purpose = "To join up health and care."
    default_location = "County Hall"


class TermsOfReferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TermsOfReference

    body = factory.SubFactory(BodyFactory)
    version_label = factory.Sequence(lambda n: f"v{n}")
    status = TermsOfReference.Status.APPROVED
    approved_on = datetime.date(2025, 4, 1)
    effective_from = datetime.date(2025, 4, 1)
    review_due = factory.LazyAttribute(
        lambda t: t.effective_from and t.effective_from.replace(year=t.effective_from.year + 1)
    )


class SeatCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SeatCategory

    body = factory.SubFactory(BodyFactory)
    slug = factory.Sequence(lambda n: f"category-{n}")
    name = factory.Sequence(lambda n: f"Category {n}")


class SeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seat

    body = factory.SubFactory(BodyFactory)
    key = factory.Sequence(lambda n: f"seat-{n}")
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Director {n}")
    organisation = factory.SubFactory(OrganisationFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    given_name = factory.Sequence(lambda n: f"Given{n}")
    family_name = factory.Sequence(lambda n: f"Family{n}")
    job_title = "Director"
    email = factory.LazyAttribute(lambda p: f"{p.given_name}.{p.family_name}@example.org".lower())


class AppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appointment

    person = factory.SubFactory(PersonFactory)
    seat = factory.SubFactory(SeatFactory)
    starts_on = datetime.date(2025, 1, 1)


class DeputyNominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeputyNomination

    person = factory.SubFactory(PersonFactory)
    seat = factory.SubFactory(SeatFactory)
    starts_on = datetime.date(2025, 1, 1)


class InterestDeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterestDeclaration

    person = factory.SubFactory(PersonFactory)
    category = InterestDeclaration.Category.FINANCIAL
    description = "Shareholding in a care provider"
    starts_on = datetime.date(2025, 1, 1)
    declared_on = datetime.date(2025, 1, 1)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    starts_at = factory.Sequence(
        lambda n: datetime.datetime(2030, 1, 10, 14, 0, tzinfo=LONDON) + datetime.timedelta(days=n)
    )
    ends_at = factory.LazyAttribute(lambda m: m.starts_at + datetime.timedelta(hours=2))
    location = "Committee Room 1"
