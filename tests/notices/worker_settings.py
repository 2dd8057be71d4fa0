"""Settings for the real Celery worker that the killed-worker test starts: the test run's
settings, its test database (``DATABASE_URL``), a queue of its own on the real Redis, mail
written to files by a slow backend, and unacknowledged tasks of a killed worker handed out
again after a few seconds rather than an hour."""

from __future__ import annotations

import os

from config.settings.test import *  # noqa: F403

CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_DEFAULT_QUEUE = os.environ["KILLTEST_QUEUE"]
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 5,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
    # A worker killed while it held the restore lock would otherwise keep the others from
    # restoring for five minutes.
    "unacked_mutex_expire": 2,
}
EMAIL_BACKEND = "tests.notices.slow_mail.EmailBackend"
EMAIL_FILE_PATH = os.environ["KILLTEST_MAIL_DIR"]
