from . import views  # noqa: F401

app_name = "concerns"
urlpatterns: list = []
