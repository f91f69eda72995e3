from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    name = "fostering.children"
    label = "children"
    verbose_name = "Children"

    def ready(self) -> None:
        from fostering.deadlines.items import register_work_provider

        from .deadlines import childs_social_worker_work

        register_work_provider(childs_social_worker_work)
