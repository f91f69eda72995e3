from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "fostering.accounts"
    label = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .sessions import on_sign_in

        # the session clock starts at every sign-in, however it was made (see accounts.sessions)
        user_logged_in.connect(on_sign_in, dispatch_uid="fostering_session_clock")
