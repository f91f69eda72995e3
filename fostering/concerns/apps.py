from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "fostering.concerns"
    label = "concerns"
    verbose_name = "Allegations and complaints"
