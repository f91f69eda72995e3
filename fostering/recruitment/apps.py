from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "fostering.recruitment"
    label = "recruitment"
    verbose_name = "Recruitment"
