from django.urls import path

from . import views

app_name = "returns903"
urlpatterns = [
    path("", views.home, name="home"),
    path("check/", views.check, name="check"),
    path("authority/change/", views.authority_change, name="authority"),
]
