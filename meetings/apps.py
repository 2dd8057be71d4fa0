from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings"

    def ready(self):
        from . import searchindex  # noqa: F401 (connects the search index's receiver)
