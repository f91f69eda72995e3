from django.apps import AppConfig


class PlacementsConfig(AppConfig):
    name = "fostering.placements"
    label = "placements"
    verbose_name = "Referrals, matching and placements"

    def ready(self) -> None:
        from fostering.deadlines.items import register_work_provider

        from .breaks import break_request_work
        from .deadlines import duty_team_work
        from .recordings import significant_event_work

        register_work_provider(duty_team_work)
        register_work_provider(significant_event_work)
        register_work_provider(break_request_work)
