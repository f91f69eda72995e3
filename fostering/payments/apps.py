from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "fostering.payments"
    label = "payments"
    verbose_name = "Payments to carers"

    def ready(self) -> None:
        from fostering.deadlines.items import register_work_provider
        from fostering.households.retention import register_retention_flag

        from .deadlines import payments_team_work
        from .retention import open_payment_queries

        register_retention_flag("open_payment_queries", open_payment_queries)
        register_work_provider(payments_team_work)
