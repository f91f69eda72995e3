from django.apps import AppConfig


class ForecastsConfig(AppConfig):
    name = "fostering.forecasts"
    label = "forecasts"
    verbose_name = "Forecasts"
