from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = "Governance: bodies and terms of reference"

    def ready(self) -> None:
        from config import history

        history.install()
