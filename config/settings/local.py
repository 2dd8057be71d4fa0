"""The embedded default for a developer's machine: debug on, a generated secret."""

from __future__ import annotations

import secrets

from .base import *  # noqa: F403
from .base import DATA_DIR, env

DEBUG = env.bool("DEBUG", default=True)


def _development_secret() -> str:
    """A secret generated once per checkout and kept in the ignored data folder."""
    path = DATA_DIR / "development-secret-key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = env.str("SECRET_KEY", default="") or _development_secret()
DATA_DIR.mkdir(parents=True, exist_ok=True)
