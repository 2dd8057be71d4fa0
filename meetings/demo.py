"""The demo: the five seed bodies from their definition files, with fictional people.

Everything here is deterministic: names, vacancies, deputies and interests are chosen by
hashing the body and seat keys, and a body's meetings are made only once, so loading
the demo again, on any day, changes nothing.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.db import transaction

from config.coalesce import coalesced
from governance import bodyfile
from governance.models import Body, Seat
from governance.rules.calendar import WorkingCalendar, monthly_programme
from governance.services import body_import
from members.interests import make_return, serving
from members.models import (
    Appointment,
    DeputyNomination,
    InterestDeclaration,
    InterestReturn,
    Person,
    User,
)
from members.snapshots import snapshots

from .compliance import compliance, obligation_done
from .demo_record import held_record, open_resolution
from .models import AgendaItem, Meeting
from .services.agenda import agenda_item_add, agenda_start

LONDON = ZoneInfo("Europe/London")
APPOINTED_FROM = datetime.date(2024, 4, 1)
# The demo's documented sign-in, made only on a development machine or when asked for.
DEMO_PASSWORD = "quorate-demo"  # nosec B105
CLERK = "clerk"

GIVEN_NAMES = """
    Aisha Alex Amara Anil Beth Callum Chen Chloe Dev Eleanor Emeka Fatima Freya Gareth
    Grace Hannah Imran Isla James Jaspreet Kofi Laura Leon Lucy Marcus Maya Mohammed
    Nadia Niamh Oliver Olu Priya Rachel Rhys Rosa Sam Sanjay Sarah Siobhan Tom Uma
    Victoria Wei Yusuf Zara Zoe
""".split()
FAMILY_NAMES = """
    Adebayo Ahmed Ali Bailey Bennett Brooks Campbell Chambers Chauhan Clarke Cole Davies
    Dhillon Doyle Edwards Evans Fletcher Gill Green Hall Harris Hughes Hussain Jackson
    James Jones Kaur Khan Kowalski Lewis Mahmood Marsh Mensah Mitchell Morgan Murphy
    Nowak Okafor Osei Owen Parker Patel Price Reid Roberts Robinson Shah Sharma Singh
    Stewart Taylor Thomas Turner Walker Ward Watson White Williams Wilson Wood Wright
    Young
""".split()
INTEREST_TEMPLATES = {
    InterestDeclaration.Category.FINANCIAL: (
        "Shareholding in a company that supplies services to {org}"
    ),
    InterestDeclaration.Category.NON_FINANCIAL_PROFESSIONAL: "Honorary contract with {org}",
    InterestDeclaration.Category.NON_FINANCIAL_PERSONAL: (
        "Trustee of a charity that works with {org}"
    ),
    InterestDeclaration.Category.INDIRECT: "Spouse employed by {org}",
}


@dataclass(frozen=True)
class DemoUser:
    username: str
    description: str
    body_slug: str | None = None
    seat_key: str | None = None


DEMO_USERS = (
    DemoUser(CLERK, "secretariat officer for all five bodies"),
    DemoUser(
        "chair", "Chair of the LIE", "leicestershire-integration-executive", "clinical-chair-wlccg"
    ),
    DemoUser(
        "member",
        "member of the LIE",
        "leicestershire-integration-executive",
        "director-public-health",
    ),
    DemoUser(
        "othermember",
        "member of the SEL ICP only",
        "south-east-london-icp",
        "elected-member-greenwich",
    ),
)
RESERVED_SEATS = {(u.body_slug, u.seat_key) for u in DEMO_USERS if u.seat_key}


def _hash(*parts: object) -> int:
    return int(hashlib.sha256("/".join(map(str, parts)).encode()).hexdigest()[:12], 16)


def _pick(options, *parts):
    return options[_hash(*parts) % len(options)]


@transaction.atomic
def load(*, today: datetime.date, with_users: bool) -> dict[str, int]:
    files = bodyfile.in_dependency_order([bodyfile.read(p) for p in bodyfile.shipped_paths()])
    used_emails: set[str] = set()
    with coalesced():  # each body's record version raised once, not once a seat and holder
        for body_file in files:
            body_import(body_file=body_file, today=today)
        bodies = [Body.objects.get(slug=f.slug) for f in files]
        for body in bodies:
            _populate(body, used_emails)
    counts = {"bodies": len(bodies), "meetings": 0}
    new = []
    for body, body_file in zip(bodies, files, strict=True):
        # A body's demo year is planned once, around the day the demo is first loaded: loading
        # it again on a later day changes nothing.
        if not body.meetings.exists():
            counts["meetings"] += _programme(body, body_file.data.get("demo_programme"), today)
            new.append(body)
    for body in new:
        _first_agenda(body, today)
    if with_users:
        _users(bodies)
        # The last meeting held, recorded as the console would have: it needs the clerk.
        clerk = User.objects.get(username=CLERK)
        for body in new:
            held_record(body, clerk, today)
            open_resolution(body, clerk, today)
        _obligations_kept(new, clerk, today)
        _interest_returns(clerk, today)
    return counts


KEPT_UP_TO = datetime.timedelta(days=42)


def _obligations_kept(bodies: list[Body], clerk: User, today: datetime.date) -> None:
    """The secretariat has kept up with what the terms call for (the reports sent, the
    reviews held), each on its due day, except in the last six weeks: the dashboard shows
    what is due and overdue now, not a year of it."""
    now = datetime.datetime.combine(today, datetime.time(9), tzinfo=LONDON)
    states = snapshots(bodies, today)
    while older := [
        (duties.body, due)
        for duties in compliance(states, today)
        for due in duties.due
        if due.due < today - KEPT_UP_TO
    ]:  # the dashboard's list gives the earliest few occasions of each: until none is left
        for body, due in older:
            obligation_done(
                body=body,
                key=due.obligation.key,
                due_on=due.due,
                done_on=due.due,
                note="",
                user=clerk,
                now=now,
            )


def _interest_returns(clerk: User, today: datetime.date) -> None:
    """Most members made their yearly declaration of interests in the last ten months; a
    few have yet to. Made once: loading again adds none."""
    if InterestReturn.objects.exists():
        return
    now = datetime.datetime.combine(today, datetime.time(9), tzinfo=LONDON)
    for person in serving(today):
        if _hash(person.email, "return") % 7 == 0:
            continue
        made_on = today - datetime.timedelta(days=_hash(person.email, "made") % 300)
        make_return(person=person, user=clerk, now=now, today=made_on)


def _first_agenda(body: Body, today: datetime.date) -> None:
    """The standing items and one substantive item on the body's next meeting, so a new user
    has an agenda to work on. Left alone once it has items."""
    meeting = body.meetings.filter(starts_at__date__gte=today).order_by("starts_at").first()
    if meeting is None or meeting.items.exists():
        return
    rules = body.terms_in_force(today).body_rules(body.rule_names())
    agenda_start(meeting=meeting, rules=rules)
    business = rules.business_types[-1].key if len(rules.business_types) > 1 else ""
    agenda_item_add(
        meeting=meeting,
        rules=rules,
        title="Better Care Fund plan for next year",
        presenter="Director of Health and Care Integration",
        purpose=AgendaItem.Purpose.DECISION,
        business_type=business,
        minutes_allotted=30,
    )


def _populate(body: Body, used_emails: set[str]) -> None:
    for seat in body.seats.select_related("organisation").order_by("position"):
        reserved = (body.slug, seat.key) in RESERVED_SEATS
        vacant = (
            seat.role == Seat.Role.MEMBER and not reserved and _hash(body.slug, seat.key) % 9 == 4
        )
        if vacant:
            continue
        holder = None
        for place in range(1, seat.max_holders + 1):
            role = "holder" if place == 1 else f"holder-{place}"
            person = _person(seat, role, seat.title, used_emails)
            holder = holder or person
            if not Appointment.objects.filter(
                seat=seat, place=place, ends_on__isnull=True
            ).exists():
                tenure = (
                    Appointment.Tenure.INTERIM
                    if _hash(seat.key, "tenure", place) % 13 == 0
                    else Appointment.Tenure.SUBSTANTIVE
                )
                appointment = Appointment(
                    person=person, seat=seat, place=place, starts_on=APPOINTED_FROM, tenure=tenure
                )
                appointment.full_clean()
                appointment.save()
        if _hash(body.slug, seat.key, "deputy") % 3 == 0:
            deputy = _person(seat, "deputy", f"Deputy to the {seat.title}", used_emails)
            DeputyNomination.objects.get_or_create(
                person=deputy, seat=seat, starts_on=APPOINTED_FROM
            )
        if _hash(body.slug, seat.key, "interest") % 5 == 0:
            _interest(holder, body, seat)


def _person(seat: Seat, role: str, job_title: str, used_emails: set[str]) -> Person:
    given = _pick(GIVEN_NAMES, seat.body_id, seat.key, role, "given")
    family = _pick(FAMILY_NAMES, seat.body_id, seat.key, role, "family")
    domain = (seat.organisation.slug if seat.organisation else seat.body.slug) + ".example"
    email = f"{given}.{family}@{domain}".lower()
    suffix = 2
    while email in used_emails:
        email = f"{given}.{family}{suffix}@{domain}".lower()
        suffix += 1
    used_emails.add(email)
    categories = set(seat.categories.values_list("slug", flat=True))
    honorific = (
        "Cllr"
        if categories & {"elected-member", "hwb-chair"} and role == "holder"
        else "Dr"
        if "clinical" in categories and role == "holder"
        else ""
    )
    person, _ = Person.objects.get_or_create(
        email=email,
        defaults={
            "given_name": given,
            "family_name": family,
            "honorific": honorific,
            "job_title": job_title,
            "phone": f"0300 555 {_hash(email) % 10000:04d}",
        },
    )
    return person


def _interest(person: Person, body: Body, seat: Seat) -> None:
    others = list(
        Seat.objects.filter(body=body, organisation__isnull=False)
        .exclude(organisation=seat.organisation)
        .values_list("organisation__pk", "organisation__name")
        .order_by("position")
    )
    if not others:
        return
    organisation_id, organisation_name = _pick(others, seat.key, "interest-org")
    category = _pick(list(INTEREST_TEMPLATES), seat.key, "interest-category")
    InterestDeclaration.objects.get_or_create(
        person=person,
        organisation_id=organisation_id,
        category=category,
        defaults={
            "description": INTEREST_TEMPLATES[category].format(org=organisation_name),
            "starts_on": APPOINTED_FROM,
            "declared_on": APPOINTED_FROM,
            "action_taken": "Declared to the chair, who will decide at each meeting whether "
            f"the member takes part in items concerning {organisation_name}.",
        },
    )


def _programme(body: Body, spec: dict | None, today: datetime.date) -> int:
    """The year of meetings before ``today``'s month, and the year from it: as planned and
    held as the terms say, looking back and ahead."""
    if not spec:
        return 0
    year, month = divmod(today.month - 1 - 12, 12)
    start = datetime.date(today.year + year, month + 1, 1)
    hours, minutes = map(int, spec["time"].split(":"))
    created = 0
    dates = monthly_programme(
        WorkingCalendar(),
        weekday=bodyfile.WEEKDAYS.index(spec["weekday"]),
        week=spec.get("week_of_month", 1),
        every_months=spec["every_months"],
        first_month=spec.get("first_month", 1),
        start=start,
        months=25,  # to the same month next year: the terms look a year ahead
    )
    for day in (d.day for d in dates):
        starts_at = datetime.datetime.combine(day, datetime.time(hours, minutes), tzinfo=LONDON)
        _, was_created = Meeting.objects.get_or_create(
            body=body,
            starts_at=starts_at,
            defaults={
                "ends_at": starts_at + datetime.timedelta(minutes=spec["duration_minutes"]),
                "location": body.default_location,
                "held_in_public": spec.get("held_in_public", body.meets_in_public),
                "status": Meeting.Status.HELD if day < today else Meeting.Status.SCHEDULED,
            },
        )
        created += was_created
    return created


def _users(bodies: list[Body]) -> None:
    # Every demo user has the same published password: hash it once (a strong hash takes
    # a second or more each time).
    password = make_password(DEMO_PASSWORD)
    for demo in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=demo.username, defaults={"email": f"{demo.username}@quorate.example"}
        )
        if created:
            user.password = password
        if demo.seat_key is None:
            user.first_name, user.last_name, user.is_staff = "Jo", "Clerk", True
            user.save()
            user.secretariat_bodies.set(bodies)
            continue
        person = (
            Appointment.objects.filter(seat__body__slug=demo.body_slug, seat__key=demo.seat_key)
            .select_related("person")
            .get(place=1, ends_on__isnull=True)
            .person
        )
        user.first_name, user.last_name = person.given_name, person.family_name
        user.save()
        if person.user_id != user.pk:
            person.user = user
            person.save(update_fields=["user"])
    admin, created = User.objects.get_or_create(
        username="admin", defaults={"is_staff": True, "is_superuser": True}
    )
    if created:
        admin.password = password
        admin.save()


def logins() -> list[tuple[str, str]]:
    return [(u.username, u.description) for u in DEMO_USERS] + [("admin", "Django admin")]
