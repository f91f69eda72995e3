from django.apps import AppConfig


class DataProtectionConfig(AppConfig):
    name = "fostering.dataprotection"
    label = "dataprotection"
    verbose_name = "Data protection"

    def ready(self) -> None:
        from fostering.deadlines.items import register_work_provider

        from .deadlines import erasure_request_work

        register_work_provider(erasure_request_work)
