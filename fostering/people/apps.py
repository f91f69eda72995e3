from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "fostering.people"
    label = "people"
    verbose_name = "People"
