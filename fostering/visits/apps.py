from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "fostering.visits"
    label = "visits"
    verbose_name = "Visits to the child"

    def ready(self) -> None:
        from fostering.accounts.permissions import Perm
        from fostering.children.sections import register_child_deadlines, register_child_link
        from fostering.deadlines.items import register_work_provider

        from .deadlines import child_visit_deadlines, childs_social_worker_visits

        register_child_link(
            "Social worker and visits",
            "visits:child",
            Perm.RECORD_CHILD_VISIT,
            Perm.CHANGE_CHILD,
            Perm.VIEW_CHILD,
            order=40,
        )
        register_child_deadlines("visits", child_visit_deadlines)
        register_work_provider(childs_social_worker_visits)
