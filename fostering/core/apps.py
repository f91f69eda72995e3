from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "fostering.core"
    label = "core"
    verbose_name = "Core"
