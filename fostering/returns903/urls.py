from . import views  # noqa: F401

app_name = "returns903"
urlpatterns: list = []
