from django.apps import AppConfig


class LeavingCareConfig(AppConfig):
    name = "fostering.leaving_care"
    label = "leaving_care"
    verbose_name = "Care leavers"
