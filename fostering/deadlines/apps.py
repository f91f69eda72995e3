from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "fostering.deadlines"
    label = "deadlines"
    verbose_name = "Deadlines"
