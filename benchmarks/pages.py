"""Benchmark every page against a minimal view, at two sizes of history. Prints its figures;
asserts nothing.

    .venv/bin/python benchmarks/pages.py                      # 0.1x and 1x, SQLite and PostgreSQL
    .venv/bin/python benchmarks/pages.py --scales 1 10 --databases postgres

For each scale, every database is built at once (a fresh database, the demo and ten years of
generated history, ``benchmarks/dataset.py``, one process each); then each in turn is timed:
gunicorn with the production settings on loopback. Each page
(public, member and secretariat, and the console's changes) is requested ``--requests`` times,
each request beside one to a minimal view on the same server, both as served again from the
page cache (``pagecache/``) and as built afresh (at an address not asked for before). The
table gives the p50 and p95, the p95 as a multiple of the minimal view's, and, from one
request made in process, the queries, the model rows loaded and the response bytes as built
(and, in brackets, as served from the page cache). PostgreSQL is read from
``BENCHMARK_POSTGRES`` (default postgres://postgres@127.0.0.1:5432); its run is skipped if
it does not answer.

Targets: every page's p95 within 3x the minimal view at 1x; queries, rows and bytes the same
at every scale (but for the register of decisions as CSV, which is all of it by its nature,
the calendar feeds, which follow the meetings each month holds, and a page of the sitemap,
which fills up to its thousand meetings); one
console attendance change within 3x the minimal view at 10x. The row "(reference) the least
a console change writes" is not a page: it locks the meeting and raises its console version,
as every change in the room does, and answers nothing, to show how much of a change's time
is the write itself (``benchmarks/urls.py``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PORT = 8765


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", nargs="+", type=float, default=[0.1, 1.0])
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgres"])
    parser.add_argument(
        "--requests", type=int, default=30, help="per page (default 30; a third as many built)"
    )
    # Internal: one database at one scale, built (--build) or timed (--serve), in its own process.
    parser.add_argument("--build", help=argparse.SUPPRESS)
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        return _build(args.build, args.scales[0])
    if args.serve:
        return _serve(args.serve, args.requests)
    started = time.monotonic()
    results = {}
    with tempfile.TemporaryDirectory() as static, tempfile.TemporaryDirectory() as scratch:
        # The static files (named by their hashes, as production names them) once for every
        # run; not compressed, as the benchmark asks for none of them.
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
            env=_environment("sqlite", scratch, static), cwd=ROOT, check=True,
        )  # fmt: skip
        for scale in args.scales:
            urls = {}
            for database in args.databases:
                if (url := _database(database, scale)) is None:
                    print(f"{database}: not answering; skipped.")
                else:
                    urls[database] = url
            print(f"== scale {scale:g}: building the data for {', '.join(urls)}", flush=True)
            for database, result in _run(urls, static, scale, args.requests).items():
                results[(database, scale)] = result
    for database in args.databases:
        _table(database, {s: results[(d, s)] for d, s in results if d == database})
    print(f"Finished in {time.monotonic() - started:.0f} s.")
    return 0


def _run(urls: dict[str, str], static: str, scale: float, requests: int) -> dict[str, dict]:
    """Every database at one scale: built side by side (one process each), then timed one
    after the other, so that no two servers are timed at once."""
    with contextlib.ExitStack() as stack:
        folders = {db: stack.enter_context(tempfile.TemporaryDirectory()) for db in urls}
        envs = {
            # Each database's kept pages under its own prefix, apart from any other run's.
            db: _environment(url, folders[db], static)
            | {"BENCHMARK_LABEL": db, "BENCHMARK_CACHE_PREFIX": f"{db}-{os.getpid()}"}
            for db, url in urls.items()
        }
        outs = {db: str(Path(folders[db]) / "result.json") for db in urls}
        builds = [
            subprocess.Popen(
                [PYTHON, __file__, "--build", outs[db], "--scales", str(scale)],
                env=envs[db],
                cwd=ROOT,
            )
            for db in urls
        ]
        if any(status != 0 for status in [build.wait() for build in builds]):
            raise SystemExit("building the data failed")
        for db in urls:
            print(f"== {db}, scale {scale:g}: timing over HTTP", flush=True)
            subprocess.run(
                [PYTHON, __file__, "--serve", outs[db], "--requests", str(requests)],
                env=envs[db], cwd=ROOT, check=True,
            )  # fmt: skip
        return {db: json.loads(Path(out).read_text()) for db, out in outs.items()}


def _database(kind: str, scale: float) -> str | None:
    if kind == "sqlite":
        return "sqlite"  # a file in the run's own folder, made by _environment
    base = os.environ.get("BENCHMARK_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    name = f"quorate_benchmark_{str(scale).replace('.', '_')}"
    try:
        for statement in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
            subprocess.run(
                ["psql", f"{base}/postgres", "-q", "-c", statement],
                check=True, capture_output=True, timeout=60,
            )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    return f"{base}/{name}"


def _environment(url: str, data: str, static: str) -> dict[str, str]:
    if url == "sqlite":
        url = f"sqlite:///{data}/quorate.sqlite3"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "DATABASE_URL": url,
        "QUORATE_DATA_DIR": data,
        "STATIC_ROOT": static,
        "SECRET_KEY": "benchmark-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "EMAIL_URL": "memorymail://",  # the notices the data sends, kept off the terminal
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    } | _cache()


def _cache() -> dict[str, str]:
    """Redis, as in production (``BENCHMARK_REDIS``), if it answers: the web processes then
    share kept pages. Otherwise each process keeps its own, in local memory."""
    url = os.environ.get("BENCHMARK_REDIS", "redis://127.0.0.1:6379/3")
    host, port = urllib.parse.urlsplit(url).hostname, urllib.parse.urlsplit(url).port or 6379
    try:
        socket.create_connection((host, port), timeout=1).close()
    except OSError:
        print("Redis is not answering: each web process keeps its own pages.")
        return {}
    return {"CACHE_URL": url}


# One database and one scale, in its own process -----------------------------------------


def _build(out: str, scale: float) -> int:
    """Migrate, build the data, choose the pages and measure each in process."""
    import django

    django.setup()
    from django.core.management import call_command

    from benchmarks import dataset

    label = os.environ.get("BENCHMARK_LABEL", "")
    begun = time.monotonic()
    call_command("migrate", verbosity=0)
    print(f"   {label}: migrated in {time.monotonic() - begun:.0f} s", flush=True)
    begun = time.monotonic()
    counts = dataset.build(scale)
    print(f"   {label}: {counts} in {time.monotonic() - begun:.0f} s", flush=True)
    begun = time.monotonic()
    pages = _pages()
    measured = {name: _in_process(page) for name, page in pages.items()}
    print(f"   {label}: measured in process in {time.monotonic() - begun:.0f} s", flush=True)
    pages = {name: [page.who, page.path, page.post] for name, page in pages.items()}
    Path(out).write_text(json.dumps({"counts": counts, "measured": measured, "pages": pages}))
    return 0


def _serve(out: str, requests: int) -> int:
    """Start gunicorn on the built database and time every page over HTTP."""
    import django

    django.setup()
    from django.core.cache import cache

    result = json.loads(Path(out).read_text())
    pages = {name: Page(*page) for name, page in result.pop("pages").items()}
    cache.clear()  # nothing kept from the build, or from another database's run
    begun = time.monotonic()
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{PORT}",
         "--workers", "2", "--log-level", "warning"],
        env=os.environ.copy(), cwd=ROOT,
    )  # fmt: skip
    try:
        _wait_for(PORT)
        timed = _over_http(pages, requests)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"   measured over HTTP in {time.monotonic() - begun:.0f} s", flush=True)
    Path(out).write_text(json.dumps(result | {"timed": timed}))
    return 0


class Page:
    def __init__(self, who: str, path: str, post=None):
        self.who, self.path, self.post = who, path, post


def _pages() -> dict[str, Page]:
    """Every page, as the person who uses it; the console's changes as the clerk makes them."""
    from config import clock
    from governance.models import Body, Organisation
    from meetings.demo_record import SUBSTANTIVE
    from meetings.models import AgendaItem, Meeting, Paper, WrittenResolution
    from meetings.services import attendance
    from meetings.services.decisions import decision_notice_publish
    from meetings.services.minutes import minutes_draft
    from members.models import Appointment, Person, User
    from notices.models import Notice

    clerk = User.objects.get(username="clerk")
    body = Body.objects.get(slug="leicestershire-integration-executive")
    public = Body.objects.filter(meets_in_public=True).order_by("pk").first()
    coming = body.meetings.filter(starts_at__gte=clock.now()).exclude(items=None).first()
    attendance.sitting_open(meeting=coming, user=clerk, now=clock.now())
    held = Meeting.objects.filter(body=public, status=Meeting.Status.HELD).last()
    held_here = body.meetings.filter(status=Meeting.Status.HELD).last()
    item = AgendaItem.objects.filter(meeting=coming).last()
    paper = Paper.objects.filter(item__meeting__body=body).last()
    person = Person.objects.filter(appointments__seat__body=body).first()
    organisation = Organisation.objects.filter(seats__body=body).first()
    recorded = Meeting.objects.get(body=body, items__title=SUBSTANTIVE)  # the demo's, closed
    minutes_draft(meeting=recorded, user=clerk, now=clock.now())
    decision_notice_publish(meeting=recorded, user=clerk, now=clock.now())
    resolution = WrittenResolution.objects.order_by("pk").first()  # the demo's
    m = f"/meetings/{coming.pk}"
    row = coming.attendance.filter(capacity="member").first()
    pages = {
        "home": Page("public", "/"),
        "meeting held (public)": Page("public", f"/meetings/{held.pk}/"),
        "body (public)": Page("public", f"/bodies/{public.slug}/"),
        "terms of reference": Page("public", f"/bodies/{public.slug}/terms/"),
        "sign in": Page("public", "/accounts/login/"),
        "dashboard (member)": Page("member", "/dashboard/"),
        "meetings to come (member)": Page("member", "/meetings/"),
        "meetings held (member)": Page("member", "/meetings/?when=past"),
        "bodies (member)": Page("member", "/bodies/"),
        "meeting (member)": Page("member", f"{m}/"),
        "body (member)": Page("member", f"/bodies/{body.slug}/"),
        "dashboard (clerk)": Page("clerk", "/dashboard/"),
        "programme": Page("clerk", f"/bodies/{body.slug}/programme/"),
        "new meeting": Page("clerk", f"/bodies/{body.slug}/meetings/new/"),
        "agenda workspace": Page("clerk", f"{m}/agenda/"),
        "agenda preview": Page("clerk", f"{m}/agenda/preview/"),
        "publish": Page("clerk", f"{m}/agenda/publish/"),
        "reschedule": Page("clerk", f"{m}/reschedule/"),
        "cancel": Page("clerk", f"{m}/cancel/"),
        "item edit": Page("clerk", f"/agenda-items/{item.pk}/edit/"),
        "new paper": Page("clerk", f"/agenda-items/{item.pk}/papers/new/"),
        "paper details": Page("clerk", f"/papers/{paper.pk}/details/"),
        "console": Page("clerk", f"{m}/console/"),
        "console live refresh": Page("clerk", f"{m}/console/live/"),
        "console attendance POST": Page("clerk", f"{m}/console/mark/", post=row.pk),
        "(reference) the least a console change writes": Page(
            "clerk", f"/benchmark/minimal-write/{coming.pk}/", post=row.pk
        ),
        "people": Page("clerk", "/people/"),
        "person": Page("clerk", f"/people/{person.pk}/"),
        "organisations": Page("clerk", "/organisations/"),
        "organisation": Page("clerk", f"/organisations/{organisation.slug}/"),
        "outbox": Page("clerk", "/outbox/"),
        "history of a meeting": Page("clerk", f"/history/meeting/{coming.pk}/"),
        "documents (public)": Page("public", f"/meetings/{held.pk}/documents/"),
        "minutes editor": Page("clerk", f"/meetings/{held_here.pk}/minutes/edit/"),
        "register of decisions (public)": Page("public", f"/bodies/{public.slug}/decisions/"),
        "register of decisions (clerk)": Page("clerk", f"/bodies/{body.slug}/decisions/"),
        "body documents (public)": Page("public", f"/bodies/{public.slug}/documents/"),
        "minutes (clerk)": Page("clerk", f"/meetings/{recorded.pk}/minutes/"),
        "notice of decisions (member)": Page(
            "member", f"/meetings/{recorded.pk}/decisions/notice/"
        ),
        "written resolutions (clerk)": Page(
            "clerk", f"/bodies/{resolution.body.slug}/resolutions/"
        ),
        "written resolution (clerk)": Page("clerk", f"/resolutions/{resolution.pk}/"),
        "notices (member)": Page("member", "/notices/"),
        "notices log (clerk)": Page("clerk", "/notices/log/"),
        "mark an obligation done": Page("clerk", f"/bodies/{body.slug}/obligations/done/"),
        "meetings to come (public)": Page("public", "/meetings/"),
        "bodies (public)": Page("public", "/bodies/"),
        "calendar (public)": Page("public", f"/calendar/?month={clock.today():%Y-%m}"),
        "calendar subscription": Page("public", f"/bodies/{public.slug}/meetings.ics"),
        "search (public)": Page("public", "/search/?q=quarter"),
        "accessibility statement": Page("public", "/accessibility/"),
        "forward plan (public)": Page("public", f"/bodies/{public.slug}/forward-plan/"),
        "forward plan (clerk)": Page("clerk", f"/bodies/{body.slug}/forward-plan/"),
        "attendance (public)": Page("public", f"/bodies/{public.slug}/attendance/"),
        "attendance (clerk)": Page("clerk", f"/bodies/{body.slug}/attendance/"),
        "register of interests (public)": Page("public", f"/bodies/{public.slug}/interests/"),
        "my declarations of interest (member)": Page("member", "/interests/mine/"),
        "my calendar address (member)": Page("member", "/calendar/mine/"),
        "my calendar subscription (member)": Page(
            "public", f"/calendar/private/{_calendar_address()}.ics"
        ),
        "open data: meetings": Page("public", f"/api/events/?body={public.slug}"),
        "open data: documents": Page("public", "/api/documents/"),
        "open data: decisions": Page("public", "/api/decisions/"),
        "open data: memberships": Page("public", f"/api/memberships/?body={public.slug}"),
        "a deputy to agree (chair)": Page(
            "chair", f"/deputy-requests/{_deputy_request(coming, clock.now()).pk}/"
        ),
        "new agenda item": Page("clerk", f"{m}/agenda/items/new/"),
        "edit a person (clerk)": Page(
            "clerk",
            f"/people/{Appointment.objects.filter(seat__body=body).first().person_id}/edit/",
        ),
        "a seat, finding someone (clerk)": Page(
            "clerk", f"/bodies/{body.slug}/seats/{body.seats.first().key}/?find=smith"
        ),
        "deputy search (clerk)": Page("clerk", f"{m}/apologies/deputies/?find=smith"),
        "console: earlier actions": Page("clerk", f"{m}/console/actions/"),
        "correct an attendance entry": Page("clerk", f"{m}/record/attendance/{row.pk}/correct/"),
        "new written resolution": Page("clerk", f"/bodies/{resolution.body.slug}/resolutions/new/"),
        "notice (member)": Page(
            "member",
            f"/notices/{Notice.objects.filter(person__user__username='member').last().pk}/",
        ),
        "account security (member)": Page("member", "/accounts/security/"),
        "change password (member)": Page("member", "/accounts/password_change/"),
        "lock-outs (clerk)": Page("clerk", "/accounts/lockouts/"),
        "news feed (public)": Page("public", f"/bodies/{public.slug}/feed/"),
        "calendar of every body (public)": Page("public", "/calendar/meetings.ics"),
        "sitemap (public)": Page("public", "/sitemap.xml"),
        "sitemap: meetings (public)": Page("public", "/sitemap-meetings.xml"),
        "register of decisions as CSV (public)": Page(
            "public", f"/bodies/{public.slug}/decisions.csv"
        ),
        "attendance as CSV (public)": Page("public", f"/bodies/{public.slug}/attendance.csv"),
        "register of interests as CSV (public)": Page(
            "public", f"/bodies/{public.slug}/interests.csv"
        ),
    }
    return pages


def _calendar_address() -> str:
    """The demo member's private calendar address, made afresh."""
    from config import clock
    from meetings.private_calendar import make_address
    from members.models import User

    return make_address(User.objects.get(username="member"), clock.now())


def _deputy_request(meeting, now):
    """A member's deputy awaiting the chair's agreement, as the demo's chair sees it."""
    from meetings.models import Apology, DeputyRequest
    from members.models import Appointment, Person, User

    chair = User.objects.get(username="chair").person
    holder = Appointment.objects.filter(seat__body=meeting.body).exclude(person=chair).first()
    apology, _ = Apology.objects.update_or_create(
        meeting=meeting, person=holder.person,
        defaults={"seat": holder.seat, "received_at": now,
                  "recorded_by": User.objects.get(username="clerk")},
    )  # fmt: skip
    DeputyRequest.objects.filter(apology=apology).delete()
    request = DeputyRequest.objects.create(
        apology=apology, deputy=Person.objects.exclude(pk=holder.person_id).last(),
        requested_at=now,
    )  # fmt: skip
    request.asked.set([chair])
    return request


def _user(who: str):
    from members.models import User

    return None if who == "public" else User.objects.get(username=who)


def _post_data(row_pk: int, flip: list[int]) -> dict:
    """The attendance click, flipping one member between present and absent."""
    from meetings.models import Attendance

    flip[0] += 1
    row = Attendance.objects.get(pk=row_pk)
    return {"row": row_pk, "revision": row.revision, "mark": ("present", "absent")[flip[0] % 2]}


def _in_process(page: Page) -> dict:
    """Queries, rows (model instances made) and bytes of one request made in process: as
    built (an address never asked before, after one request to warm the other caches) and
    as served from the page cache."""
    from django.db import connection
    from django.db.models.signals import post_init
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    if (user := _user(page.who)) is not None:
        client.force_login(user)
    flip = [1]  # present, then absent: the room is left as it was found

    def send(path):
        if page.post:
            return client.post(path, _post_data(page.post, flip), HTTP_HX_REQUEST="true")
        return client.get(path)

    def measure(path) -> dict:
        rows = [0]

        def count(**kwargs):
            rows[0] += 1

        post_init.connect(count, weak=False)
        try:
            with CaptureQueriesContext(connection) as queries:
                response = send(path)
                # a streamed answer (the CSV files) reads as it is sent
                body = b"".join(response.streaming_content) if response.streaming else None
        finally:
            post_init.disconnect(count)
        if response.status_code not in (200, 204):
            print(f"   {path}: {response.status_code}", flush=True)
        body = response.content if body is None else body
        return {"queries": len(queries), "rows": rows[0], "bytes": len(body)}

    send(_fresh(page.path, 0))
    built = measure(_fresh(page.path, 1))
    send(page.path)
    kept = measure(page.path)
    return built | {f"kept {key}": value for key, value in kept.items()}


def _fresh(path: str, n: int) -> str:
    """The same page at an address not asked for before, so the page cache cannot serve it."""
    return f"{path}{'&' if '?' in path else '?'}fresh={n}"


def _wait_for(port: int) -> None:
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def _cookies(who: str) -> str:
    from django.conf import settings
    from django.test import Client

    token = "b" * 32
    cookie = f"{settings.CSRF_COOKIE_NAME}={token}"
    if (user := _user(who)) is None:
        return cookie
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    return f"{cookie}; {settings.SESSION_COOKIE_NAME}={session}"


def _request(path: str, cookie: str = "", data: dict | None = None) -> float:
    headers = {"Cookie": cookie} if cookie else {}
    body = None
    if data is not None:
        body = urllib.parse.urlencode(data).encode()
        headers |= {"X-CSRFToken": "b" * 32, "HX-Request": "true"}
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", data=body, headers=headers)
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
    except urllib.error.HTTPError as error:
        raise SystemExit(f"{path}: {error.code}") from error
    return time.perf_counter() - start


def _over_http(pages: dict[str, Page], requests: int) -> dict:
    """Each page asked for again and again, as a page is read while nothing changes (served
    from the page cache after the first), then at addresses never asked for before (built
    each time); every request beside one to the minimal view."""
    cookies = {who: _cookies(who) for who in {p.who for p in pages.values()}}
    minimal, flip = [], [0]
    kept, built = ({name: [] for name in pages} for _ in range(2))
    for _ in range(10):  # every web process past its first requests
        _request("/", cookies["public"])
    for name, page in pages.items():
        _request(page.path, cookies[page.who], _post_data(page.post, flip) if page.post else None)
        for times, fresh, count in ((kept, False, requests), (built, True, requests // 3)):
            for n in range(count):
                minimal.append(_request("/benchmark/minimal/"))
                data = _post_data(page.post, flip) if page.post else None
                path = _fresh(page.path, n + 2) if fresh else page.path
                times[name].append(_request(path, cookies[page.who], data))
    return {"minimal": minimal, "kept": kept, "built": built}


# The table -------------------------------------------------------------------------------


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] * 1000


def _table(database: str, runs: dict[float, dict]) -> None:
    if not runs:
        return
    scales = sorted(runs)
    print(f"\n## {database}")
    for scale in scales:
        counts = runs[scale]["counts"]
        print(f"scale {scale:g}: " + ", ".join(f"{v:,} {k}" for k, v in counts.items()))
        minimal = runs[scale]["timed"]["minimal"]
        print(
            f"  minimal view: p50 {statistics.median(minimal) * 1000:.1f} ms, "
            f"p95 {_p(minimal, 0.95):.1f} ms"
        )
    head = "| page | " + " | ".join(
        f"p50 ms {s:g}x | p95 ms {s:g}x | p95/minimal {s:g}x | built: p50 ms | built: p95/minimal"
        for s in scales
    )
    print(f"\n{head} | queries (built / kept) | rows | bytes |")
    print("|---" * (1 + 5 * len(scales) + 3) + "|")
    for name in runs[scales[0]]["measured"]:
        cells = []
        for scale in scales:
            timed = runs[scale]["timed"]
            floor = _p(timed["minimal"], 0.95)
            kept, built = timed["kept"][name], timed["built"][name]
            cells += [
                f"{statistics.median(kept) * 1000:.1f}",
                f"{_p(kept, 0.95):.1f}",
                f"{_p(kept, 0.95) / floor:.1f}x",
                f"{statistics.median(built) * 1000:.1f}",
                f"{_p(built, 0.95) / floor:.1f}x",
            ]
        for key in ("queries", "rows", "bytes"):
            cells.append(
                " / ".join(
                    f"{runs[s]['measured'][name][key]} ({runs[s]['measured'][name]['kept ' + key]})"
                    for s in scales
                )
            )
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
