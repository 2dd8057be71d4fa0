"""Production: everything from the environment; refuses to start without a secret key."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import EMAIL_BACKEND, PRIVATE_MEDIA_ROOT, env

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY")
# The container's own health check asks for localhost.
ALLOWED_HOSTS = [*env.list("ALLOWED_HOSTS"), "localhost", "127.0.0.1"]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "papers": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Papers and rendered PDFs in S3-compatible object storage (django-storages), so that any
# number of web and worker containers share them: a private bucket, and a download is a
# signed address that lasts a minute, issued only after Quorate's own access check.
if PAPERS_BUCKET := env.str("PAPERS_BUCKET", default=""):
    STORAGES["papers"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": PAPERS_BUCKET,
            "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,
            "access_key": env.str("S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("S3_SECRET_ACCESS_KEY", default="") or None,
            "region_name": env.str("S3_REGION", default="") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": env.int("PAPER_LINK_SECONDS", default=60),
            "file_overwrite": False,
            "addressing_style": "path",
        },
    }

S3_PUBLIC_ENDPOINT_URL = env.str("S3_PUBLIC_ENDPOINT_URL", default="")

# A connection is kept for a minute and checked before reuse: no new connection per request,
# and a restarted PostgreSQL is reconnected to rather than reported as an error.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
# Behind PgBouncer in transaction pooling, a session outlives no transaction: no server-side
# cursors and no prepared statements.
if env.bool("PGBOUNCER", default=False):
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = None  # noqa: F405

# The in-app outbox is the embedded default's stand-in for a mail server. A live service sends
# real mail; a demonstration of the production shape may keep the outbox if it says so.
if EMAIL_BACKEND == "members.outbox.OutboxEmailBackend" and not env.bool(
    "OUTBOX_FOR_DEMO", default=False
):
    raise ImproperlyConfigured(
        "Set EMAIL_URL to your mail server (for example smtp+tls://user:password@host:587). "
        "The in-app outbox is only for a demonstration: set OUTBOX_FOR_DEMO=true to keep it."
    )
