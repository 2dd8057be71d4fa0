"""Ten years of a secretariat's history, generated in bulk for the pages benchmark.

At scale 1: ten bodies (the five seed bodies and a copy of each), about 1,000 held meetings,
9,000 agenda items, 16,000 papers, 4,400 decisions, 2,600 actions and 500 people; every
figure but the bodies is multiplied by the scale. Everything is written with ``bulk_create``
(no history rows, no services): it is the shape of the data that matters, not how it came.
"""

from __future__ import annotations

import copy
import datetime

from django.db import connection, transaction
from django.db.models import Count, Max

from config import clock
from governance import bodyfile
from governance.models import Body, Seat
from governance.rules.words import LONDON
from governance.services import body_import
from meetings import demo
from meetings.models import Action, AgendaItem, Decision, Meeting, Paper, Publication
from meetings.searchindex import SEARCHED, reindex
from members.models import Appointment, Person, User

YEARS = 10
MEETINGS_PER_BODY = 100  # at scale 1: ten bodies, 1,000 meetings
ITEMS = 9  # per meeting
PAPERS = (0, 0, 3, 3, 2, 2, 2, 2, 2)  # per item: 16 a meeting
PEOPLE = 500
OPEN_ACTIONS_IN = 10  # one action in ten is still open


def build(scale: float) -> dict[str, int]:
    """Load the demo, copy its bodies, then add the history. Returns the counts made."""
    today = clock.today()
    demo.load(today=today, with_users=True)
    with transaction.atomic():
        bodies = _copies(today)
        clerk = User.objects.get(username="clerk")
        clerk.secretariat_bodies.add(*bodies)
        counts = {"bodies": Body.objects.count()}
        counts |= history(list(Body.objects.order_by("pk")), clerk, scale, today)
        counts["people"] = people(scale, today)
    with connection.cursor() as cursor:  # the planner's statistics, as autovacuum gathers
        cursor.execute("ANALYZE")  # soon after a bulk load in production
    return counts


def _copies(today: datetime.date) -> list[Body]:
    """A copy of each seed body under another name: ten bodies in all."""
    files = bodyfile.in_dependency_order([bodyfile.read(p) for p in bodyfile.shipped_paths()])
    made = []
    for body_file in files:
        data = copy.deepcopy(body_file.data)
        slug = f"{data['body']['slug']}-west"
        data["body"] |= {
            "slug": slug,
            "name": f"{data['body']['name']} (West)",
            "short_name": f"{data['body'].get('short_name', 'Body')} W"[:40],
        }
        data["body"].pop("reports_to", None)
        body_import(body_file=bodyfile.BodyFile(data=data, source=body_file.source), today=today)
        made.append(Body.objects.get(slug=slug))
    return made


# The words a paper holds: a few lines, each paper's own numbers among them.
PAPER_TEXT = (
    "Report {n}-{k}. This paper sets out the quarter's position on the budget, activity "
    "against plan, workforce, waiting times and the risks to delivery, with the actions "
    "proposed and the decisions asked of the board."
)


def history(
    bodies: list[Body],
    clerk: User,
    scale: float,
    today: datetime.date,
    open_actions_in: int = OPEN_ACTIONS_IN,
) -> dict:
    """Held meetings over the ten years before ``today``, each with its published agenda,
    papers, decisions and actions (more may be added by calling again)."""
    per_body = max(1, round(MEETINGS_PER_BODY * scale))
    every = datetime.timedelta(days=YEARS * 365 / per_body)
    first = datetime.datetime.combine(today, datetime.time(14), tzinfo=LONDON)
    # a later call's meetings start a few minutes later than any before them on the same day
    shift = dict(
        Meeting.objects.filter(body__in=bodies)
        .values("body_id")
        .annotate(n=Count("pk"))
        .values_list("body_id", "n")
    )
    meetings = []
    for body in bodies:
        for n in range(per_body):
            starts = first - every * (n + 1) + datetime.timedelta(minutes=shift.get(body.pk, 0))
            meetings.append(
                Meeting(
                    body=body,
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=2),
                    location="Committee Room 1",
                    held_in_public=body.meets_in_public,
                    status=Meeting.Status.HELD,
                    closed_at=starts + datetime.timedelta(hours=2),
                    closed_by=clerk,
                )
            )
    meetings = Meeting.objects.bulk_create(meetings, batch_size=2000)
    publications = Publication.objects.bulk_create(
        [
            Publication(
                meeting=m,
                kind=Publication.Kind.AGENDA,
                published_at=m.starts_at - datetime.timedelta(days=8),
                published_by=clerk,
                deadline=m.starts_at - datetime.timedelta(days=7),
                public_copy=m.held_in_public,
            )
            for m in meetings
        ],
        batch_size=2000,
    )
    published = {p.meeting_id: p for p in publications}
    AgendaItem.objects.bulk_create(
        [
            AgendaItem(
                meeting=m,
                position=n + 1,
                title=f"Item {n + 1}: report on the quarter",
                presenter="Director of Finance",
                part=AgendaItem.Part.B if n == ITEMS - 1 else AgendaItem.Part.A,
                exempt_paragraph=3 if n == ITEMS - 1 else None,
                exempt_reason="Commercial information" if n == ITEMS - 1 else "",
                published=published[m.pk],
            )
            for m in meetings
            for n in range(ITEMS)
        ],
        batch_size=5000,
    )
    items = list(
        AgendaItem.objects.filter(meeting__in=meetings)
        .select_related("meeting")
        .order_by("meeting_id", "position")
    )
    papers, decisions, actions = [], [], []
    numbers = {
        (row["body_id"], row["year"]): row["last"]
        for row in Decision.objects.filter(body__in=bodies)
        .values("body_id", "year")
        .annotate(last=Max("number"))
    }
    for index, item in enumerate(items):
        meeting = item.meeting
        for k in range(PAPERS[item.position - 1]):
            papers.append(
                Paper(
                    item=item,
                    title=f"{item.title}, paper {k + 1}",
                    author="Director of Finance",
                    file=f"papers/benchmark/{item.pk}-{k}.pdf",
                    file_format=Paper.Format.PDF,
                    original_name="report.pdf",
                    size=120_000,
                    text=PAPER_TEXT.format(n=index, k=k),
                    uploaded_at=meeting.starts_at - datetime.timedelta(days=9),
                    uploaded_by=clerk,
                    published=published[meeting.pk],
                )
            )
        # 4.4 decisions and 2.6 actions a meeting, on its later items
        if item.position >= 5 and (item.position < 9 or meeting.pk % 5 < 2):
            key = (meeting.body_id, meeting.starts_at.year)
            numbers[key] = numbers.get(key, 0) + 1
            decisions.append(
                Decision(
                    body_id=meeting.body_id,
                    year=meeting.starts_at.year,
                    number=numbers[key],
                    item=item,
                    text=f"Agreed the recommendations of {item.title.lower()}.",
                    outcome=Decision.Outcome.AGREED_BY_CONSENSUS,
                    quorum_note="Quorate.",
                    recorded_at=meeting.starts_at + datetime.timedelta(minutes=item.position * 10),
                    recorded_by=clerk,
                )
            )
        if item.position in (3, 6) or (item.position == 7 and meeting.pk % 5 < 3):
            actions.append(
                Action(
                    meeting=meeting,
                    item=item,
                    text=f"Report back on {item.title.lower()}.",
                    owner="Director of Finance",
                    due=(meeting.starts_at + datetime.timedelta(days=60)).date(),
                    status=Action.Status.OPEN
                    if index % open_actions_in == 0
                    else Action.Status.DONE,
                    recorded_at=meeting.starts_at + datetime.timedelta(minutes=30),
                    recorded_by=clerk,
                )
            )
    Paper.objects.bulk_create(papers, batch_size=5000)
    Decision.objects.bulk_create(decisions, batch_size=5000)
    Action.objects.bulk_create(actions, batch_size=5000)
    for model in SEARCHED:  # the search index, as saving each record would keep it
        reindex(model)
    return {
        "meetings": len(meetings),
        "publications": len(publications),
        "items": len(items),
        "papers": len(papers),
        "decisions": len(decisions),
        "actions": len(actions),
    }


def people(scale: float, today: datetime.date) -> int:
    """Former members, up to the scale's number of people, each with an ended appointment."""
    wanted = round(PEOPLE * scale) - Person.objects.count()
    seats = list(Seat.objects.filter(role=Seat.Role.MEMBER).order_by("pk"))
    people = Person.objects.bulk_create(
        [
            Person(given_name=f"Former{n}", family_name=f"Member{n}", email=f"former{n}@x.example")
            for n in range(max(0, wanted))
        ],
        batch_size=5000,
    )
    Appointment.objects.bulk_create(
        [
            Appointment(
                person=person,
                seat=seats[n % len(seats)],
                place=1,
                starts_on=today - datetime.timedelta(days=3650),
                ends_on=today - datetime.timedelta(days=400 + n % 2000),
            )
            for n, person in enumerate(people)
        ],
        batch_size=5000,
    )
    return Person.objects.count()
