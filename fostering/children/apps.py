from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    name = "fostering.children"
    label = "children"
    verbose_name = "Children"
