from django.apps import AppConfig


class KinshipConfig(AppConfig):
    name = "fostering.kinship"
    label = "kinship"
    verbose_name = "Kinship (connected persons)"

    def ready(self) -> None:
        from fostering.deadlines.items import register_work_provider

        from .deadlines import kinship_worker_work

        register_work_provider(kinship_worker_work)
