"""The production shape as declared: no Docker engine runs here, so the files are checked."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent.parent


def test_compose_runs_web_worker_beat_postgres_and_redis_with_health_checks():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"web", "worker", "beat", "db", "redis"}
    assert all("healthcheck" in service for service in services.values())
    assert services["db"]["image"] == "postgres:16"
    assert services["redis"]["image"] == "redis:7"
    assert "gunicorn" in services["web"]["command"]
    assert {"pgdata", "media"} <= set(compose["volumes"])
    assert services["web"]["env_file"] == ".env"


def test_the_image_installs_weasyprints_libraries_from_the_lock_file():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "libpango-1.0-0" in dockerfile
    assert "--require-hashes" in dockerfile
    assert "requirements/main.txt" in dockerfile


def test_the_env_example_names_every_setting_production_requires():
    example = (ROOT / ".env.example").read_text()
    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "EMAIL_URL"):
        assert f"{name}=" in example
