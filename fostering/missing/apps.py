from django.apps import AppConfig


class MissingConfig(AppConfig):
    name = "fostering.missing"
    label = "missing"
    verbose_name = "Missing from care"
