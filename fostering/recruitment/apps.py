from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "fostering.recruitment"
    label = "recruitment"
    verbose_name = "Recruitment"

    def ready(self) -> None:
        from fostering.deadlines.items import register_work_provider

        from .deadlines import recruitment_work

        register_work_provider(recruitment_work)
