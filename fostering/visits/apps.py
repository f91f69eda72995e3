from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "fostering.visits"
    label = "visits"
    verbose_name = "Visits to the child"
