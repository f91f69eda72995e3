from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "fostering.portal"
    verbose_name = "Carers' and applicants' portal"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .access import on_sign_in

        user_logged_in.connect(on_sign_in, dispatch_uid="fostering_portal_session")
        # each part registers its menu items and home-page panels
        from . import application_menu, children_menu, household_menu, money_menu  # noqa: F401
