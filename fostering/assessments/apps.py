from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "fostering.assessments"
    label = "assessments"
    verbose_name = "Assessments"
