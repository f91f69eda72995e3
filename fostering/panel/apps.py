from django.apps import AppConfig


class PanelConfig(AppConfig):
    name = "fostering.panel"
    label = "panel"
    verbose_name = "Fostering panel and agency decision maker"

    def ready(self) -> None:
        from fostering.deadlines.items import register_work_provider

        from .deadlines import panel_work

        register_work_provider(panel_work)
