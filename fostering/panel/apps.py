from django.apps import AppConfig


class PanelConfig(AppConfig):
    name = "fostering.panel"
    label = "panel"
    verbose_name = "Fostering panel and agency decision maker"
