from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "fostering.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from . import kinds  # noqa: F401  (registers the kinds of record searched)
