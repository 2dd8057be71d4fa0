"""In CI's PostgreSQL run: a real Celery worker on the real Redis is killed (SIGKILL, the
whole process group) while it sends a sweep's notices, and started again. Every notice is
then sent, each exactly once: the one being sent when the worker died is handed out again
(its task is acknowledged only once done) and sent once; none already sent goes again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection, transaction

from config.celery_app import app
from notices.models import Notice
from notices.sending import Message, notices_queue

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("REQUIRE_SERVICES"), reason="CI's PostgreSQL and Redis run only"
    ),
]
ROOT = Path(__file__).resolve().parents[2]
COUNT = 24
WORKER = "quorate-killed-worker-test"


def start_worker(env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool",
            "prefork",
            "--concurrency",
            "1",
            "--loglevel",
            "WARNING",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,  # its own process group, so the kill takes its child too
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def state() -> str:
    """What became of the notices, for a failure's message."""
    return str(Counter(Notice.objects.values_list("status", flat=True)))


def wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}: {state()}")
        time.sleep(0.05)


def test_a_worker_killed_mid_sweep_sends_every_notice_exactly_once(tmp_path, monkeypatch):
    assert connection.vendor == "postgresql"
    queue = f"killtest-{uuid.uuid4().hex[:8]}"
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.notices.worker_settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}?application_name={WORKER}",
        "KILLTEST_QUEUE": queue,
        "KILLTEST_MAIL_DIR": str(mail_dir),
    }
    messages = [
        Message(
            key=f"killtest:{n}",
            kind="killtest",
            address=f"member{n}@example.org",
            subject=f"Notice {n}",
            text="Text",
        )
        for n in range(COUNT)
    ]
    # The sweep's own path, queued on the real broker rather than run in the test.
    monkeypatch.setattr(app.conf, "task_always_eager", False)
    monkeypatch.setattr(app.conf, "task_default_queue", queue)
    worker = start_worker(env)
    try:
        with transaction.atomic():
            assert notices_queue(messages) == COUNT

        def sent() -> list[Path]:
            return list(mail_dir.glob("sent-*"))

        def mid_send() -> bool:
            """A message started and not yet written, after a few have gone."""
            started = {p.name.split("-")[1] for p in mail_dir.glob("started-*")}
            done = {p.name.split("-")[1] for p in sent()}
            return len(done) >= 3 and bool(started - done)

        wait_for(mid_send, 120, "the worker to be sending")
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
        interrupted = Notice.objects.exclude(status=Notice.Status.SENT).count()
        assert 0 < interrupted < COUNT
        worker = start_worker(env)
        wait_for(
            lambda: (
                not Notice.objects.filter(kind="killtest")
                .exclude(status=Notice.Status.SENT)
                .exists()
            ),
            120,
            "every notice to be sent after the restart",
        )
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)
        # The killed workers' connections, which the server has not yet noticed are dead,
        # would keep the test database from being dropped at the end of the run.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = %s",
                [WORKER],
            )
    # The message being sent when the worker died was started twice, by each worker once.
    starts = Counter(p.name.split("-")[1] for p in mail_dir.glob("started-*"))
    assert 2 in starts.values()
    tags = []
    for path in sent():
        for line in path.read_text().splitlines():
            if line.startswith("X-Quorate-Notice:"):
                tags.append(line.split(":", 1)[1].strip().split(":")[0])
    assert sorted(tags, key=int) == sorted(
        (str(pk) for pk in Notice.objects.filter(kind="killtest").values_list("pk", flat=True)),
        key=int,
    )  # each notice's message once, and only once
