from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Page cache: whole pages kept until a table they read changes"

    def ready(self):
        from . import versions

        connection_created.connect(versions.watch, dispatch_uid="pagecache-watch")
        # While migrations run (the versions' own table may not exist yet), none is raised.
        pre_migrate.connect(versions.pause, dispatch_uid="pagecache-pause")
        post_migrate.connect(versions.resume, dispatch_uid="pagecache-resume")
