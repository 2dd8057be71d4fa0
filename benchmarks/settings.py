"""The production settings, with one extra URL: the minimal view every page is compared to."""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"

# Every request comes from loopback: the open data API's throttle would measure itself.
REST_FRAMEWORK = REST_FRAMEWORK | {"DEFAULT_THROTTLE_RATES": {"anon": "1000000/minute"}}  # noqa: F405
# The minimal view reads nothing, not even the page cache's versions.
PAGE_CACHE_NEVER = (*PAGE_CACHE_NEVER, "/benchmark/")  # noqa: F405
