"""Who is signed in, found on every request without asking the database again while the
accounts table is as it was.

A request that the page cache watches has read every table's version first; an account read
at the same version of ``members_user`` is the same account, so it is kept in this process's
memory (a copy for each request) under that version. Any change to any account, whoever makes
it, raises the version and so is seen by the next request. Should raising the version ever
fail, the kept account lasts no longer than the ``accounts`` cache's timeout, as a kept page
does. Requests the page cache does not watch (changes, and every request when it is off) read
the database as Django's own backend does.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.cache import caches

from pagecache import versions


class AccountBackend(ModelBackend):
    def get_user(self, user_id):
        reading = versions.reading.get()
        if reading is None:
            return super().get_user(user_id)
        table = get_user_model()._meta.db_table
        kept = caches["accounts"]
        key = f"{user_id}:{reading.then.get(table, 0)}"
        user = kept.get(key)
        if user is None:
            user = super().get_user(user_id)
            if user is not None:
                kept.set(key, user)
        else:
            reading.tables.add(table)  # the page is built from the account as much as if read
        return user
