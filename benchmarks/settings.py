"""The production settings, with one extra URL: the minimal view every page is compared to."""

import os

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"

# Every request comes from loopback: the open data API's throttle would measure itself.
REST_FRAMEWORK = REST_FRAMEWORK | {"DEFAULT_THROTTLE_RATES": {"anon": "1000000/minute"}}  # noqa: F405
# The minimal view reads nothing, not even the page cache's versions.
PAGE_CACHE_NEVER = (*PAGE_CACHE_NEVER, "/benchmark/")  # noqa: F405
# Static files named by their hashes, as in production, but not compressed: the benchmark asks
# for none of them, and compressing them would take most of a minute.
STORAGES = STORAGES | {  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}
}
# Two databases are built at once, sharing Redis: each keeps its pages under its own prefix.
CACHES["default"]["KEY_PREFIX"] = os.environ.get("BENCHMARK_CACHE_PREFIX", "")  # noqa: F405
