from . import views  # noqa: F401

app_name = "panel"
urlpatterns: list = []
