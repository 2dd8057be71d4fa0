"""The production shape as declared: no Docker engine runs here, so the files are checked."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent.parent


def test_compose_runs_stateless_web_workers_beat_postgres_redis_and_object_storage():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {
        "web", "worker", "pdf-worker", "beat", "db", "redis", "minio", "bucket"
    }  # fmt: skip
    long_running = {name: s for name, s in services.items() if name != "bucket"}
    assert all("healthcheck" in service for service in long_running.values())
    assert services["db"]["image"] == "postgres:16"
    assert services["redis"]["image"] == "redis:7"
    assert "gunicorn" in services["web"]["command"]
    assert "volumes" not in services["web"]  # stateless: papers live in the bucket
    assert "--queues pdf" in services["pdf-worker"]["command"]
    assert "--concurrency 2" in services["pdf-worker"]["command"]
    assert "mc anonymous set none" in services["bucket"]["entrypoint"]  # a private bucket
    assert services["web"]["environment"]["PAPERS_BUCKET"] == "quorate-papers"
    assert {"pgdata", "objects"} <= set(compose["volumes"])
    assert services["web"]["env_file"] == ".env"


def test_production_keeps_connections_checks_them_and_works_behind_pgbouncer(monkeypatch):
    import importlib

    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.setenv("ALLOWED_HOSTS", "quorate.example")
    monkeypatch.setenv("OUTBOX_FOR_DEMO", "true")
    monkeypatch.setenv("PGBOUNCER", "true")
    monkeypatch.setenv("PAPERS_BUCKET", "quorate-papers")
    from config.settings import base

    importlib.reload(base)
    production = importlib.reload(importlib.import_module("config.settings.production"))
    database = production.DATABASES["default"]
    assert database["CONN_MAX_AGE"] == 60 and database["CONN_HEALTH_CHECKS"] is True
    assert database["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert database["OPTIONS"]["prepare_threshold"] is None
    papers = production.STORAGES["papers"]
    assert papers["BACKEND"] == "storages.backends.s3.S3Storage"
    assert papers["OPTIONS"]["default_acl"] == "private"
    assert papers["OPTIONS"]["querystring_expire"] == 60
    assert production.CELERY_TASK_ROUTES == {"*.render_*": {"queue": "pdf"}}


def test_the_image_installs_weasyprints_libraries_from_the_lock_file():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "libpango-1.0-0" in dockerfile
    assert "--require-hashes" in dockerfile
    assert "requirements/main.txt" in dockerfile


def test_the_env_example_names_every_setting_production_requires():
    example = (ROOT / ".env.example").read_text()
    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "EMAIL_URL"):
        assert f"{name}=" in example
