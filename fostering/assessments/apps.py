from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "fostering.assessments"
    label = "assessments"
    verbose_name = "Assessments"

    def ready(self) -> None:
        from fostering.deadlines.items import register_work_provider

        from .deadlines import assessing_social_worker_work

        register_work_provider(assessing_social_worker_work)
