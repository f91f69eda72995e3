from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("", views.dashboard_page, name="dashboard"),
    path("figure/", views.figure_page, name="figure"),
    path("pack/", views.pack_page, name="pack"),
    path("close/", views.close_page, name="close"),
    path("targets/", views.targets_page, name="targets"),
    path("comparators/", views.comparators_page, name="comparators"),
]
