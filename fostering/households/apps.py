from django.apps import AppConfig


class HouseholdsConfig(AppConfig):
    name = "fostering.households"
    label = "households"
    verbose_name = "Fostering households"

    def ready(self) -> None:
        from fostering.deadlines.items import register_work_provider

        from .deadlines import supervising_social_worker_work

        register_work_provider(supervising_social_worker_work)
