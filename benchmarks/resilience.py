"""Resilience of the production shape. Prints what it saw; exits 1 if a request failed.

    .venv/bin/python benchmarks/resilience.py

gunicorn with the production settings on PostgreSQL (``BENCHMARK_POSTGRES``, default
postgres://postgres@127.0.0.1:5432), with the demo loaded, then:
1. Redis stopped: the cache and the broker point at a port where nothing answers. Every page
   must still be served (the cache is a miss; throttling fails open), never a server error.
2. PostgreSQL drops every connection under load (as a restart does: ``pg_terminate_backend``
   on each of the app's sessions, while requests are being made): requests must succeed
   again at once, without restarting the web process (connections are checked before reuse).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.pages import PORT, PYTHON, ROOT, _database, _environment, _wait_for

PAGES = ["/", "/accounts/login/", "/bodies/mid-and-south-essex-icp/terms/", "/health/"]


def get(path: str) -> int:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def serve(env: dict) -> subprocess.Popen:
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{PORT}",
         "--workers", "2", "--log-level", "warning"],
        env=env, cwd=ROOT,
    )  # fmt: skip
    _wait_for(PORT)
    return server


def main() -> int:
    url = _database("postgres", 0)
    if url is None:
        print("PostgreSQL is not answering: nothing to try.")
        return 0
    failures = 0
    with tempfile.TemporaryDirectory() as data:
        env = _environment(url, data)
        for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"], ["load_demo"]):
            subprocess.run(
                [PYTHON, "manage.py", *command], env=env, cwd=ROOT, check=True, capture_output=True
            )

        print("1. Redis stopped (cache and broker on a port where nothing answers)")
        down = {
            **env,
            "CACHE_URL": "redis://127.0.0.1:6399/1",
            "CELERY_BROKER_URL": "redis://127.0.0.1:6399/2",
        }
        server = serve(down)
        try:
            for path in PAGES:
                status = get(path)
                expected = 503 if path == "/health/" else 200  # the health check says so
                print(f"   {path}: {status}")
                failures += status != expected
        finally:
            server.terminate()
            server.wait()

        print("2. PostgreSQL drops every connection while requests are made")
        server = serve(env)
        try:
            seen: list[tuple[float, int]] = []  # (when the request began, its status)
            stop = threading.Event()

            def load():
                while not stop.is_set():
                    began = time.monotonic()
                    seen.append((began, get("/bodies/mid-and-south-essex-icp/terms/")))

            workers = [threading.Thread(target=load) for _ in range(4)]
            for worker in workers:
                worker.start()
            time.sleep(2)
            name = url.rsplit("/", 1)[1]
            dropped = time.monotonic()
            subprocess.run(
                ["psql", url.rsplit("/", 1)[0] + "/postgres", "-q", "-c",
                 "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                 f"WHERE datname = '{name}' AND pid <> pg_backend_pid()"],
                check=True, capture_output=True,
            )  # fmt: skip
            done = time.monotonic()
            time.sleep(3)
            stop.set()
            for worker in workers:
                worker.join()
            before = [s for t, s in seen if t < dropped]
            during = [s for t, s in seen if dropped <= t < done]
            after = [s for t, s in seen if t >= done]
            for label, statuses in (("before", before), ("during", during), ("after", after)):
                failed = [s for s in statuses if s != 200]
                print(f"   {label} the drop: {len(statuses)} requests, {len(failed)} failed")
            # A request in flight when its connection is cut may fail; none begun after may.
            failures += sum(s != 200 for s in before + after)
        finally:
            server.terminate()
            server.wait()
    print("No request failed." if not failures else f"{failures} request(s) failed.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
