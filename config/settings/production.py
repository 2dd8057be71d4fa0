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

# The in-app outbox is the embedded default's stand-in for a mail server. A live service sends
# real mail; a demonstration of the production shape may keep the outbox if it says so.
if EMAIL_BACKEND == "members.outbox.OutboxEmailBackend" and not env.bool(
    "OUTBOX_FOR_DEMO", default=False
):
    raise ImproperlyConfigured(
        "Set EMAIL_URL to your mail server (for example smtp+tls://user:password@host:587). "
        "The in-app outbox is only for a demonstration: set OUTBOX_FOR_DEMO=true to keep it."
    )
