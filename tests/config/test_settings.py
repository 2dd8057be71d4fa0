"""Settings: the embedded default, production from the environment, and refusals."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
PRODUCTION_ENV = {
    "SECRET_KEY": "a-production-secret-key-that-is-long-and-random-9f8e7d6c5b4a3f2e1d",
    "ALLOWED_HOSTS": "quorate.example.org",
    "DATABASE_URL": "postgres://quorate@db:5432/quorate",
    "CELERY_BROKER_URL": "redis://redis:6379/0",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
}
SHOW_SETTINGS = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_BACKEND, "
    "s.DEBUG, len(s.SECRET_KEY) >= 50)"
)


def run(args, settings_module, env, tmp_path):
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(
            (
                "DATABASE_URL",
                "CACHE_URL",
                "CELERY_",
                "EMAIL_URL",
                "SECRET_KEY",
                "ALLOWED_HOSTS",
                "DEBUG",
                "REQUIRE_",
            )
        )
    }
    clean.update(env, DJANGO_SETTINGS_MODULE=settings_module, QUORATE_DATA_DIR=str(tmp_path))
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = run(["manage.py", "check"], "config.settings.production", env, tmp_path)
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_production_passes_the_deployment_checks(tmp_path):
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        "config.settings.production",
        PRODUCTION_ENV,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_embedded_default_needs_no_environment(tmp_path):
    result = run(["-c", SHOW_SETTINGS], "config.settings.local", {}, tmp_path)
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "True",
        "members.outbox.OutboxEmailBackend",
        "True",
        "True",
    ]
    assert (tmp_path / "development-secret-key").exists()


def test_production_reads_its_services_from_the_environment(tmp_path):
    result = run(["-c", SHOW_SETTINGS], "config.settings.production", PRODUCTION_ENV, tmp_path)
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "False",
        "django.core.mail.backends.smtp.EmailBackend",
        "False",
        "True",
    ]


def test_production_refuses_the_in_app_outbox_unless_it_is_a_demo(tmp_path):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "EMAIL_URL"}
    refused = run(["manage.py", "check"], "config.settings.production", env, tmp_path)
    assert refused.returncode != 0 and "Set EMAIL_URL to your mail server" in refused.stderr
    demo = run(
        ["manage.py", "check"],
        "config.settings.production",
        {**env, "OUTBOX_FOR_DEMO": "true"},
        tmp_path,
    )
    assert demo.returncode == 0, demo.stderr


def test_the_example_environment_passes_the_deployment_checks_once_a_secret_is_set(tmp_path):
    example = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            example[key] = value
    assert example["SECRET_KEY"] == "" and "SECURE_SSL_REDIRECT" not in example
    example["SECRET_KEY"] = PRODUCTION_ENV["SECRET_KEY"]
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        "config.settings.production",
        example,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr


def test_the_admin_lives_at_the_configured_address(tmp_path):
    show = (
        "import django; django.setup(); from django.urls import reverse; "
        "print(reverse('admin:index'))"
    )
    show += "; from django.conf import settings; print(settings.PAGE_CACHE_NEVER)"
    result = run(["-c", show], "config.settings.local", {"ADMIN_URL": "backstage/"}, tmp_path)
    address, never = result.stdout.strip().splitlines()
    assert address == "/backstage/"
    assert "'/backstage/'" in never and "'/admin/'" not in never  # never kept, where it is
