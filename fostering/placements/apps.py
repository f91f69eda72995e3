from django.apps import AppConfig


class PlacementsConfig(AppConfig):
    name = "fostering.placements"
    label = "placements"
    verbose_name = "Placements"
