from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "fostering.payments"
    label = "payments"
    verbose_name = "Payments to carers"

    def ready(self) -> None:
        from fostering.deadlines.items import register_work_provider
        from fostering.households.retention import register_retention_flag
        from fostering.placements.stability import register_in_house_costs

        from .deadlines import payments_team_work
        from .retention import open_payment_queries
        from .weekly import in_house_weekly_costs

        register_retention_flag("open_payment_queries", open_payment_queries)
        register_work_provider(payments_team_work)
        register_in_house_costs(in_house_weekly_costs)
