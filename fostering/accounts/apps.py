from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "fostering.accounts"
    label = "accounts"
    verbose_name = "Accounts and roles"
