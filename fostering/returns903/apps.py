from django.apps import AppConfig


class Returns903Config(AppConfig):
    name = "fostering.returns903"
    label = "returns903"
    verbose_name = "SSDA903 return"

    def ready(self) -> None:
        from .jobs import register

        register()
