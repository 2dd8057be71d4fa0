"""The embedded default's settings with its tables made straight from the models, as the test
database is (pytest's --no-migrations), for tests that start the site in a process of its own:
running every migration on a fresh SQLite file takes several seconds. test_migrations.py checks
them."""

from config.settings.local import *  # noqa: F403


class _NoMigrations:
    def __contains__(self, app: str) -> bool:
        return True

    def __getitem__(self, app: str) -> None:
        return None


MIGRATION_MODULES = _NoMigrations()
