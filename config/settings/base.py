"""Settings shared by every environment, read through django-environ.

With no environment set, Quorate runs on its embedded default: a SQLite file under ``data/``,
Celery tasks run eagerly, e-mail printed to the console and kept in the in-app outbox.
Each of ``DATABASE_URL``, ``CELERY_BROKER_URL``, ``CACHE_URL`` and ``EMAIL_URL`` switches one
of those to a real service.
"""

from __future__ import annotations

from pathlib import Path

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = Path(environ.Env().str("QUORATE_DATA_DIR", default=str(BASE_DIR / "data")))

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "pagecache",
    "governance",
    "members",
    "meetings",
    "documents",
    "notices",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads the database: the versions a kept page is checked against.
    "pagecache.middleware.ReadingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "members.security.SessionIdleMiddleware",
    "members.security.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # After sign-in, two-factor and idle-session checks: a kept page is served only past them.
    "pagecache.middleware.PageCacheMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "members.context_processors.roles",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'quorate.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves a small secretariat's simultaneous use: write-ahead logging
    # lets readers carry on beside a writer; each transaction takes the write lock at its
    # start (so a read never has to upgrade to a write and fail), and waits its turn.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env.int("SQLITE_BUSY_TIMEOUT", default=20),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://quorate")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # Redis stopped or slow is a cache miss, never a server error (config/quiet_cache.py).
    CACHES["default"]["BACKEND"] = "config.quiet_cache.QuietRedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
    )
# Each process's own memory, for the signed-in accounts (members/backends.py): no round trip.
CACHES["accounts"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "accounts",
    "TIMEOUT": 60,
    "OPTIONS": {"MAX_ENTRIES": 2000},
}

# Whole pages kept until a table they read changes (pagecache/): for a person, an address and
# a minute of the clock, never longer than this.
PAGE_CACHE = env.bool("PAGE_CACHE", default=True)
PAGE_CACHE_SECONDS = 120
ADMIN_URL = env.str("ADMIN_URL", default="admin/")
# Sign-in, password reset and two-factor pages hold secrets in the session; the admin has its
# own ways; the health check must look.
PAGE_CACHE_NEVER = (
    "/accounts/login/",
    "/accounts/logout/",
    "/accounts/password_reset/",
    "/accounts/reset/",
    "/accounts/two-factor/",
    f"/{ADMIN_URL}",
    "/health/",
    "/static/",
)
# A kept answer under one of these paths is served only if its gate lets the request through:
# the open data's throttle counts every request, kept or built.
PAGE_CACHE_GATES = {"/api/": "api.throttling.admitted"}

AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a sign-in while the account is locked out.
    "axes.backends.AxesStandaloneBackend",
    # Django's own, but the signed-in account is kept in memory while unchanged.
    "members.backends.AccountBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "meetings:dashboard"
LOGOUT_REDIRECT_URL = "meetings:home"

LANGUAGE_CODE = "en-gb"
FORMAT_MODULE_PATH = ["config.formats"]  # the dates and times forms read as people type them
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env.path("MEDIA_ROOT", default=DATA_DIR / "media")
MEDIA_URL = "media/"
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=DATA_DIR / "private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Papers: no base URL, served only through the permission-checking download view.
    "papers": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
PAPER_MAX_BYTES = env.int("PAPER_MAX_BYTES", default=20 * 1024 * 1024)
PAPER_MAX_UNPACKED_BYTES = env.int("PAPER_MAX_UNPACKED_BYTES", default=200 * 1024 * 1024)

# History of the governed record: who changed what, when, and the reason for a correction.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
SIMPLE_HISTORY_REVERT_DISABLED = True

# Security --------------------------------------------------------------------------------

# Sign-in throttling (django-axes): five wrong passwords for one account from one address
# lock that pair out for an hour; the secretariat can lift a lock-out early.
AXES_FAILURE_LIMIT = env.int("SIGN_IN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("SIGN_IN_LOCKOUT_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env.int("PROXY_COUNT", default=0)
AXES_VERBOSE = False
# Password reset requests (django-ratelimit): per address and per e-mail, an hour at a time.
PASSWORD_RESET_RATE = env.str("PASSWORD_RESET_RATE", default="5/h")
# Without the cache (Redis down) the site keeps answering; throttling resumes with it.
RATELIMIT_FAIL_OPEN = True

# Sessions end after a spell without activity: the secretariat's sooner than others'.
SESSION_IDLE_SECRETARIAT = env.int("SESSION_IDLE_SECRETARIAT_MINUTES", default=8 * 60) * 60
SESSION_IDLE_OTHERS = env.int("SESSION_IDLE_OTHERS_MINUTES", default=14 * 24 * 60) * 60
SESSION_COOKIE_AGE = SESSION_IDLE_OTHERS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Two-factor sign-in (TOTP, django-otp): anyone may turn it on; with this setting the
# secretariat and admin users must.
TWO_FACTOR_REQUIRED_FOR_SECRETARIAT = env.bool("TWO_FACTOR_REQUIRED", default=False)
OTP_TOTP_ISSUER = "Quorate"

# No inline script or style anywhere (django-csp); the browser may use nothing it does not
# need (django-permissions-policy).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Form widgets are drawn by Jinja2 from Django's own widget templates: the same markup, about
# four times faster than the Django engine draws it, on every page with a form (the console
# redraws about 25 widgets, two of them lists of every seat and member, after each change).
FORM_RENDERER = "django.forms.renderers.Jinja2"

# E-mail: a real server when EMAIL_URL is set, otherwise the console and the in-app outbox.
if "EMAIL_URL" in env:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "members.outbox.OutboxEmailBackend"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Quorate <quorate@localhost>")
# Where the site is, for the links in notices sent by the worker (which has no request).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: eager in the embedded default, a real broker when CELERY_BROKER_URL is set.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="memory://localhost/")
CELERY_TASK_ALWAYS_EAGER = env.bool(
    "CELERY_TASK_ALWAYS_EAGER", default=CELERY_BROKER_URL.startswith("memory://")
)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Rendering PDFs is slow and memory-hungry: such tasks go to their own queue, served by a
# worker with low concurrency (docker-compose.yml), so notices never wait behind them.
CELERY_TASK_ROUTES = {"*.render_*": {"queue": "pdf"}}
# A broker that does not answer (Redis stopped) is retried, not a server error for the page
# that queued the task; the task goes once the broker is back.
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY = True
# Periodic tasks are declared here, one entry each with a comment saying when and why it runs.
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    # Every morning, and again at noon should the morning's sweep not have run (a notice is
    # never sent twice): the reminders the bodies' rules call for that day.
    "notices-sweep": {
        "task": "notices.tasks.sweep_notices",
        "schedule": crontab(hour="7,12", minute=0),
    },
    # Every quarter of an hour: written resolutions whose date for answers has passed are
    # decided by the body's rule soon after, not the next morning.
    "resolutions-decide": {
        "task": "meetings.tasks.decide_resolutions",
        "schedule": crontab(minute="*/15"),
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # django-axes reports every sign-in at INFO; keep its warnings (lock-outs) only.
    "loggers": {"axes": {"level": "WARNING"}},
}
if CELERY_TASK_ALWAYS_EAGER:
    # Tasks run inside the request or command that sent them: a line for each that succeeded
    # says nothing that one does not (a failure is still reported).
    LOGGING["loggers"]["celery.app.trace"] = {"level": "WARNING"}

# The open data API: read-only public data, so no sign-in is read (a member's session sees
# exactly what the public sees) and every client is throttled alike.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Cursor",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env.str("API_THROTTLE_RATE", default="600/minute")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Quorate open data",
    "DESCRIPTION": "The public record of the bodies that meet in public: bodies, seats, "
    "memberships, people, meetings, agenda items, papers, decisions and votes. Names follow "
    "Popolo and Open Civic Data where they fit. Read-only; no sign-in.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
}
