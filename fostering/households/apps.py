from django.apps import AppConfig


class HouseholdsConfig(AppConfig):
    name = "fostering.households"
    label = "households"
    verbose_name = "Fostering households"

    def ready(self) -> None:
        from fostering.audit.wording import register_field_labels, register_list_choices
        from fostering.deadlines.items import register_work_provider

        from .choices import PlacementType
        from .deadlines import supervising_social_worker_work

        register_work_provider(supervising_social_worker_work)
        register_list_choices("households.termsofapproval", "placement_types", PlacementType.choices)
        register_field_labels(
            "households.fosteringhousehold",
            {"carer_type": "Kind of carer", "approved_on": "Date of approval"},
        )
        register_field_labels(
            "households.termsofapproval",
            {"effective_from": "Start of the terms", "effective_to": "End of the terms"},
        )
