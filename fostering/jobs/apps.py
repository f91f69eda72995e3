from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "fostering.jobs"
    label = "jobs"
    verbose_name = "Background jobs"
