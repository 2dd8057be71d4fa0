"""The open data API publishes the public record and nothing else: whoever asks (signed in or
not), no Part B, private meeting, unpublished or struck-out material reaches it, and no
person's e-mail address or telephone number. Lists are paged by a cursor, filtered, described
by an OpenAPI schema, and read in a fixed number of queries however much there is."""

from __future__ import annotations

import datetime
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from api.pagination import Cursor
from meetings.models import AgendaItem, Decision, Paper, Publication, Vote
from tests.factories import (
    AppointmentFactory,
    BodyFactory,
    DeputyNominationFactory,
    MeetingFactory,
    OrganisationFactory,
    SeatFactory,
    UserFactory,
)
from tests.meetings.workspace import upload

pytestmark = pytest.mark.django_db

SECRET = "SECRETMARK"  # planted in everything the public may not read
WHEN = datetime.datetime(2027, 3, 4, 14, 0, tzinfo=datetime.UTC)
LISTS = ["bodies", "organisations", "posts", "memberships", "people", "events",
         "agenda-items", "documents", "decisions", "vote-events"]  # fmt: skip


def _item(meeting, position, title, *, part="A", published=True):
    publication = None
    if published:
        publication = meeting.publications.first() or Publication.objects.create(
            meeting=meeting, kind="agenda", published_at=WHEN, published_by=_clerk(),
            deadline=WHEN,
        )  # fmt: skip
    return AgendaItem.objects.create(
        meeting=meeting, position=position, title=title, part=part,
        exempt_paragraph=3 if part == "B" else None, published=publication,
    )  # fmt: skip


def _clerk():
    return UserFactory(username=f"clerk{UserFactory._meta.model.objects.count()}")


def _paper(item, title):
    return Paper.objects.create(
        item=item, title=title, author="Finance", file=upload("p.pdf"), file_format="pdf",
        original_name="p.pdf", size=10, uploaded_at=WHEN, uploaded_by=_clerk(),
        published=item.published,
    )  # fmt: skip


def _vote_and_decision(item, number, text, *, struck=False):
    """Recorded during the item's meeting, each at its own minute, as the console records."""
    clerk = _clerk()
    recorded = item.meeting.starts_at + datetime.timedelta(minutes=number % 120)
    vote = Vote.objects.create(
        item=item, motion=text, votes_for=3, against=1, eligible=5, carried=True,
        reasoning="R", recorded_at=recorded, recorded_by=clerk,
        named={"Cllr A": "for", "Dr B": "against"},
        struck_at=WHEN if struck else None,
    )  # fmt: skip
    return Decision.objects.create(
        body=item.meeting.body, year=2027, number=number, item=item, text=text,
        outcome="carried", vote=vote, quorum_note="Q", recorded_at=recorded, recorded_by=clerk,
        reasons=f"Reasons for {text}", struck_at=WHEN if struck else None,
    )  # fmt: skip


def held(body, *, days: int, in_public=True, **fields):
    """A meeting that has been held and closed, ``days`` after WHEN."""
    starts = WHEN + datetime.timedelta(days=days)
    return MeetingFactory(
        body=body, held_in_public=in_public, starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        closed_at=starts + datetime.timedelta(hours=2), **fields,
    )  # fmt: skip


def build(public_meetings: int = 1):
    """A body that meets in public, with meetings held in public and one in private; and a body
    that does not. Everything the public may not read carries SECRET."""
    council = OrganisationFactory(name="Southwark Council", slug="southwark")
    body = BodyFactory(name="Open Partnership", short_name="OP", slug="open", meets_in_public=True)
    chair = SeatFactory(body=body, title="Chair", organisation=council)
    AppointmentFactory(seat=chair, person__given_name="Ada", person__email=f"{SECRET}@x.org",
                       person__phone=SECRET)  # fmt: skip
    DeputyNominationFactory(seat=chair, person__given_name="Deputy")
    for n in range(public_meetings):
        meeting = held(body, days=n)
        open_item = _item(meeting, 10, "Winter plan")
        _paper(open_item, "Winter plan paper")
        _paper(_item(meeting, 15, f"Draft {SECRET}", published=False), f"Draft {SECRET}")
        _vote_and_decision(open_item, 2 * n + 1, "Winter plan agreed")
        exempt = _item(meeting, 20, f"Lease {SECRET}", part="B")
        _paper(exempt, f"Lease {SECRET}")
        _vote_and_decision(exempt, 2 * n + 2, f"Lease {SECRET}")
    _vote_and_decision(open_item, 900, f"Struck {SECRET}", struck=True)
    private = held(body, days=-7, in_public=False, location=f"Room {SECRET}")
    private_item = _item(private, 10, f"Private {SECRET}")
    _paper(private_item, f"Private {SECRET}")
    _vote_and_decision(private_item, 901, f"Private {SECRET}")

    closed = BodyFactory(name=f"Closed {SECRET}", short_name="CB", slug="closed")
    closed_seat = SeatFactory(body=closed, title=f"Seat {SECRET}")
    AppointmentFactory(seat=closed_seat, person__given_name=SECRET)
    closed_meeting = held(closed, days=-14, in_public=False)
    _vote_and_decision(_item(closed_meeting, 10, f"Closed {SECRET}"), 1, f"Closed {SECRET}")
    return body


@pytest.fixture
def body():
    return build()


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "secretariat"])
def test_no_marker_reaches_the_api_whoever_asks(body, signed_in):
    client = Client()
    if signed_in:
        client.force_login(UserFactory(username="everything", serves_all_bodies=True))
    seen = {}
    for name in LISTS:
        pages, path = [], f"/api/{name}/"
        while path:
            response = client.get(path, HTTP_ACCEPT="application/json")
            assert response.status_code == 200, (path, response.content[:300])
            pages.append(response.content.decode())
            path = response.json()["next"]
        rows = [row for page in pages for row in json.loads(page)["results"]]
        for row in rows:
            detail = client.get(f"/api/{name}/{row['id']}/", HTTP_ACCEPT="application/json")
            assert detail.status_code == 200
            pages.append(detail.content.decode())
        text = "".join(pages)
        assert SECRET not in text, name
        seen[name] = rows
    assert [b["slug"] for b in seen["bodies"]] == ["open"]
    assert [d["text"] for d in seen["decisions"]] == ["Winter plan agreed"]
    assert [i["description"] for i in seen["agenda-items"]] == ["Winter plan"]
    assert [p["note"] for p in seen["documents"]] == ["Winter plan paper"]
    assert len(seen["events"]) == 1 and seen["events"][0]["status"] == "passed"
    assert {p["given_name"] for p in seen["people"]} == {"Ada", "Deputy"}
    assert all(set(p) == {"id", "name", "honorific", "given_name", "family_name", "job_title"}
               for p in seen["people"])  # fmt: skip
    vote = seen["vote-events"][0]
    assert vote["result"] == "pass"
    assert vote["counts"] == [{"option": "yes", "value": 3}, {"option": "no", "value": 1},
                              {"option": "abstain", "value": 0}]  # fmt: skip
    assert vote["votes"] == [{"voter_name": "Cllr A", "option": "yes"},
                             {"voter_name": "Dr B", "option": "no"}]  # fmt: skip


def test_private_rows_are_not_found_by_their_ids(body):
    client = Client()
    hidden = {
        "bodies": BodyFactory._meta.model.objects.get(slug="closed").pk,
        "events": body.meetings.get(held_in_public=False).pk,
        "agenda-items": AgendaItem.objects.get(part="B").pk,
        "documents": Paper.objects.get(title__startswith="Lease").pk,
        "decisions": Decision.objects.get(text__startswith="Lease").pk,
        "vote-events": Vote.objects.get(motion__startswith="Private").pk,
    }
    for name, pk in hidden.items():
        response = client.get(f"/api/{name}/{pk}/", HTTP_ACCEPT="application/json")
        assert response.status_code == 404, name
        assert SECRET not in response.content.decode()


def test_a_paper_is_fetched_through_the_site_which_checks_access(body):
    client = Client()
    document = client.get("/api/documents/").json()["results"][0]
    assert document["media_type"] == "application/pdf" and document["size"] == 10
    assert client.get(document["url"]).status_code == 200
    secret = Paper.objects.get(title__startswith="Lease")
    assert client.get(f"/papers/{secret.pk}/download/").status_code in (302, 403, 404)


def test_memberships_name_the_seat_a_deputy_stands_in_for(body):
    rows = Client().get("/api/memberships/?body=open").json()["results"]
    by_role = {row["role"]: row for row in rows}
    chair = body.seats.get()
    assert by_role["member"]["on_behalf_of"] is None
    assert by_role["deputy"]["on_behalf_of"] == {"post_id": chair.pk, "label": "Chair"}
    assert by_role["deputy"]["id"].startswith("deputy-")
    again = Client().get(f"/api/memberships/{by_role['deputy']['id']}/").json()
    assert again == by_role["deputy"]
    assert Client().get("/api/memberships/appointment-999999/").status_code == 404
    assert Client().get("/api/memberships/?on=2001-01-01").json()["results"] == []


def test_lists_filter_by_body_and_date_and_explain_a_bad_date(body):
    client = Client()
    assert len(client.get("/api/events/?body=open").json()["results"]) == 1
    assert client.get("/api/events/?body=nothing").json()["results"] == []
    assert client.get("/api/events/?since=2027-03-05").json()["results"] == []
    assert len(client.get("/api/decisions/?until=2027-03-04").json()["results"]) == 1
    bad = client.get("/api/events/?since=4 March")
    assert bad.status_code == 400
    assert bad.json() == {"since": ["Enter a valid date."]}


def test_the_schema_describes_every_list_and_the_docs_are_served():
    client = Client()
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert schema["openapi"].startswith("3.")
    for name in LISTS:
        assert f"/api/{name}/" in schema["paths"]
    assert "since" in {p["name"] for p in schema["paths"]["/api/events/"]["get"]["parameters"]}
    docs = client.get("/api/docs/")
    assert docs.status_code == 200 and b"swagger" in docs.content.lower()
    assert client.get("/api/").status_code == 200


@pytest.mark.parametrize("name", ["events", "agenda-items", "documents", "decisions"])
def test_a_list_is_paged_by_a_cursor_every_row_once_in_order_and_never_counted(name, monkeypatch):
    """A page links to the next by where it ended: walked to the end two at a time, the rows
    come once each, in the order of one long page, even where rows share a meeting (so a
    cursor must step past ties); the whole list is never counted, and a page links back."""
    build(public_meetings=3)
    shared = Paper.objects.filter(item__part="A").first().item
    for n in range(3):
        _paper(shared, f"Appendix {n}")  # papers of one meeting tie on its time
    client = Client()
    in_one = [row["id"] for row in client.get(f"/api/{name}/").json()["results"]]
    monkeypatch.setattr(Cursor, "page_size", 2)
    assert len(client.get(f"/api/{name}/?page_size=1000").json()["results"]) == 2
    walked, path = [], f"/api/{name}/"
    while path:
        page = client.get(path).json()
        assert "count" not in page and len(page["results"]) <= 2
        walked += [row["id"] for row in page["results"]]
        path = page["next"]
    assert len(in_one) > 2 and walked == in_one
    back = [row["id"] for row in client.get(page["previous"]).json()["results"]]
    assert back == in_one[-len(page["results"]) - 2 : -len(page["results"])]


def test_lists_read_in_queries_that_do_not_grow():
    build(public_meetings=1)
    small = _queries()
    for n in range(1, 6):
        extra = held(BodyFactory._meta.model.objects.get(slug="open"), days=-n)
        item = _item(extra, 10, "More")
        _paper(item, "More")
        _vote_and_decision(item, 100 + n, "More")
    assert _queries() == small


def _queries() -> dict[str, int]:
    client, counts = Client(), {}
    for name in LISTS:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/api/{name}/").status_code == 200
        counts[name] = len(queries)
    return counts


# Ten years of history as SQLite's statistics would tell them (from benchmarks/dataset.py at 10x,
# after ANALYZE): rows in the table, and rows for each value of an index's first column.
TEN_YEARS = {
    "meetings_meeting": (10_032, {"starts_at": 3, "body_id": 1_004}),
    "meetings_agendaitem": (90_063, {"meeting_id": 9, "published_id": 10}),
    "meetings_paper": (160_000, {"item_id": 3, "published_id": 16}),
    "meetings_publication": (10_005, {"meeting_id": 1, "published_at": 3}),
}


def _as_if_ten_years(cursor) -> None:
    """Give SQLite's planner the statistics of ten years of history, for the test's few rows."""
    cursor.execute("ANALYZE")
    cursor.execute("DELETE FROM sqlite_stat1")
    for table, (rows, per_value) in TEN_YEARS.items():
        for _, index, unique, *_ in cursor.execute(f"PRAGMA index_list({table})").fetchall():
            columns = [c[2] for c in cursor.execute(f"PRAGMA index_info({index})").fetchall()]
            each = [per_value.get(columns[0], rows)] + [1] * (len(columns) - 1)
            each[-1] = 1 if unique else each[-1]
            stat = " ".join(str(n) for n in [rows, *each])
            cursor.execute("INSERT INTO sqlite_stat1 VALUES (%s, %s, %s)", [table, index, stat])
    cursor.execute("ANALYZE sqlite_schema")  # read the statistics again


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own planner")
@pytest.mark.parametrize("name", ["agenda-items", "documents"])
def test_on_sqlite_a_list_newest_meeting_first_starts_from_the_newest_meetings(name):
    """SQLite takes "Part A" to pick out a few items, so it read every agenda item to sort
    them, whatever the page (a first page of papers in 62 ms at ten years of history, 0.4 ms
    starting from the meetings' index on their time, as it now does: meetings/planner.py)."""
    build(public_meetings=1)
    with CaptureQueriesContext(connection) as queries:
        assert Client().get(f"/api/{name}/").status_code == 200
    (page,) = [q["sql"] for q in queries if "ORDER BY" in q["sql"]]
    with connection.cursor() as cursor:
        _as_if_ten_years(cursor)
        cursor.execute(f"EXPLAIN QUERY PLAN {page}")  # nosec B608: the page's own query
        first_step = cursor.fetchall()[0][-1]
    assert first_step.startswith("SCAN meetings_meeting USING INDEX"), first_step
