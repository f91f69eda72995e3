from django.apps import AppConfig


class LeavingCareConfig(AppConfig):
    name = "fostering.leaving_care"
    label = "leaving_care"
    verbose_name = "Care leavers"

    def ready(self) -> None:
        from fostering.accounts.permissions import Perm
        from fostering.children.sections import register_child_deadlines, register_child_link
        from fostering.deadlines.items import register_work_provider

        from .deadlines import care_leaver_deadlines, personal_adviser_work

        register_child_link("Leaving care", "leaving_care:child", Perm.RECORD_LEAVING_CARE, order=60)
        register_child_deadlines("leaving_care", care_leaver_deadlines)
        register_work_provider(personal_adviser_work)
