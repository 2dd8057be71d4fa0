from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Members: people, appointments, deputies and interests"

    def ready(self) -> None:
        from . import freshness

        freshness.connect()
