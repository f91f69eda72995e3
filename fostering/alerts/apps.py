from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "fostering.alerts"
    label = "alerts"
    verbose_name = "Practice alerts and dispute resolution"

    def ready(self) -> None:
        from fostering.accounts.permissions import Perm
        from fostering.children.sections import register_child_deadlines, register_child_link
        from fostering.deadlines.items import register_work_provider

        from .deadlines import child_alert_deadlines, iro_overdue_work, responses_due_work

        register_child_link(
            "Practice alerts",
            "alerts:child",
            Perm.RAISE_PRACTICE_ALERT,
            Perm.ANSWER_PRACTICE_ALERT,
            Perm.VIEW_IRO_REPORTS,
            order=20,
        )
        register_child_deadlines("alerts", child_alert_deadlines)
        register_work_provider(responses_due_work)
        register_work_provider(iro_overdue_work)
