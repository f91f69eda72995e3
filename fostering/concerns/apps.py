from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "fostering.concerns"
    label = "concerns"
    verbose_name = "Allegations and complaints"

    def ready(self) -> None:
        from fostering.deadlines.items import register_work_provider
        from fostering.households.retention import register_retention_flag

        from .deadlines import complaints_lead_work
        from .selectors import open_allegation_flags

        register_work_provider(complaints_lead_work)
        register_retention_flag("open_allegation", open_allegation_flags)
