from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "fostering.demo"
    label = "demo"
    verbose_name = "Demo council"
