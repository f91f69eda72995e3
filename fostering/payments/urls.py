from . import views  # noqa: F401

app_name = "payments"
urlpatterns: list = []
