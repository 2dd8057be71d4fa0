"""The suite builds its databases from the models, so the migrations are checked here: none is
missing, and all of them apply to an empty database of the engine in use."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def test_no_model_change_lacks_its_migration(tmp_path):
    """In a process of its own: the suite's databases have the migrations turned off."""
    env = {**os.environ, "QUORATE_DATA_DIR": str(tmp_path)}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.test")
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def server(params: dict):
    """An autocommit connection to the PostgreSQL server (databases are made outside a
    transaction)."""
    import psycopg

    return psycopg.connect(
        dbname="postgres",
        user=params["USER"],
        password=params.get("PASSWORD") or None,
        host=params["HOST"],
        port=params["PORT"] or None,
        autocommit=True,
    )


def migrate(tmp_path, database_url: str) -> None:
    """Every migration, in a process of its own, on the empty database at ``database_url``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE_URL")}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.test", QUORATE_DATA_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"],
        cwd=ROOT,
        env={**env, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="the embedded default's SQLite file",
)
def test_every_migration_applies_to_an_empty_sqlite_file(tmp_path):
    """With the words' indexes SQLite's search reads, made once the tables are."""
    migrate(tmp_path, f"sqlite:///{tmp_path / 'migrated.sqlite3'}")
    with sqlite3.connect(tmp_path / "migrated.sqlite3") as made:
        tables = {name for (name,) in made.execute("SELECT name FROM sqlite_master")}
    assert {"meetings_paper_words", "meetings_paper_words_insert"} <= tables


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="PostgreSQL's own run",
)
def test_every_migration_applies_to_an_empty_postgresql_database(tmp_path):
    params = settings.DATABASES["default"]
    database = f"quorate_migrations_{uuid.uuid4().hex[:8]}"
    with server(params) as admin:
        admin.execute(f'CREATE DATABASE "{database}"')
    url = (
        f"postgres://{params['USER']}:{params.get('PASSWORD') or ''}@{params['HOST']}:"
        f"{params['PORT']}/{database}"
    )
    try:
        migrate(tmp_path, url)
    finally:
        with server(params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
