"""Settings for the test suite: fast hashing, in-memory mail, the database from DATABASE_URL."""

from __future__ import annotations

from .base import *  # noqa: F403

SECRET_KEY = "test-secret-key-not-for-any-real-use"  # nosec B105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "papers": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files through the finders: the test run has no collected STATIC_ROOT.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# On SQLite, test in a file rather than in memory: the browser tests' live server answers
# requests in several threads, and an in-memory database would make them share one
# connection (a poll and a click at once would then corrupt each other's transactions).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATA_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-quorate.sqlite3")}  # noqa: F405

# pytest-xdist's workers share one Redis database: each keeps its keys under its own prefix,
# so that one worker clearing its cache between tests never resets another's throttle counts.
CACHES["default"]["KEY_PREFIX"] = env.str("PYTEST_XDIST_WORKER", default="main")  # noqa: F405

# The suite's tests run in transactions that never commit, so no table's version would ever
# be raised: the page cache is off, and on in its own tests and the browser tests.
PAGE_CACHE = False
