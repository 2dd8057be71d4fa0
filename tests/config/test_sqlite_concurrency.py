"""The embedded default under simultaneous use: gunicorn, as the Dockerfile runs it, on the
SQLite file, with forty sign-ins, reads and console changes at once. Every request is answered;
none fails with "database is locked"."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="the embedded default's SQLite file is what this checks",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def site(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "CACHE_URL"))}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.local", QUORATE_DATA_DIR=str(tmp_path))
    # The demo's PDFs and e-mails are not what this measures: queue them (in memory) unsent.
    env["CELERY_TASK_ALWAYS_EAGER"] = "false"
    subprocess.run(  # as `make run` does, in one process, the tables made from the models
        [sys.executable, "-c", "import django; django.setup(); from django.core.management "
         "import call_command as c; c('migrate', run_syncdb=True, verbosity=0); c('load_demo')"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "tests.config.site_settings"},
        check=True,
        capture_output=True,
        timeout=300,
    )  # fmt: skip
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "3",
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):  # workers slow to start under a busy parallel suite: wait
            try:
                requests.get(f"{base}/health/", timeout=5)
                break
            except requests.RequestException:
                time.sleep(0.2)
        yield base
    finally:  # never leave a server behind, even when it failed to start
        server.terminate()
        server.wait(timeout=10)


def signed_in(base: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{base}/accounts/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = session.post(
        f"{base}/accounts/login/",
        {"username": "clerk", "password": "quorate-demo", "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base}/accounts/login/"},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, response.status_code
    return session


def test_forty_simultaneous_sign_ins_reads_and_console_changes_are_all_answered(site):
    clerk = signed_in(site)
    dashboard = clerk.get(f"{site}/dashboard/", timeout=30).text
    meeting = re.search(r'href="/meetings/(\d+)/agenda/"', dashboard).group(1)
    console = f"{site}/meetings/{meeting}/console/"
    token = clerk.cookies["csrftoken"]
    headers = {"Referer": console, "X-CSRFToken": token}
    clerk.post(f"{console}open/", headers=headers, timeout=30)
    page = clerk.get(console, timeout=30).text
    rows = re.findall(r'name="row" value="(\d+)"><input type="hidden" name="revision"', page)
    assert len(rows) >= 10

    def sign_in(_):
        return signed_in(site).get(f"{site}/meetings/", timeout=60).status_code

    def read(_):
        return clerk.get(f"{site}/meetings/", timeout=60).status_code

    def mark(row):
        return clerk.post(
            f"{console}mark/",
            {"row": row, "revision": 0, "mark": "arrived"},
            headers={**headers, "HX-Request": "true"},
            timeout=60,
        ).status_code

    # Sign-ins write (the session, the last sign-in, the throttle's record) and are slow by
    # design (password hashing): six of them, fourteen dashboards and twenty console marks.
    with ThreadPoolExecutor(max_workers=40) as pool:
        futures = [pool.submit(sign_in, n) for n in range(6)]
        futures += [pool.submit(read, n) for n in range(14)]
        futures += [pool.submit(mark, row) for row in rows[:10] * 2]
        answers = [future.result() for future in futures]
    assert 500 not in answers
    assert answers[:20] == [200] * 20
    # Each row's first mark is saved; the second, made from the same revision, is refused.
    assert sorted(answers[20:]) == [200] * 10 + [409] * 10
