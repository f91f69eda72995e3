from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "fostering.payments"
    label = "payments"
    verbose_name = "Payments to carers"
