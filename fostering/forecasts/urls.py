from django.urls import path

from . import views

app_name = "forecasts"
urlpatterns = [path("", views.forecast_page, name="forecast")]
