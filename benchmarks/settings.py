"""The production settings, with one extra URL: the minimal view every page is compared to."""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
