from django.apps import AppConfig


class MyworkConfig(AppConfig):
    name = "fostering.mywork"
    label = "mywork"
    verbose_name = "My work"
