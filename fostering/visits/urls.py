from django.urls import path

from . import views

app_name = "visits"
urlpatterns = [
    path("overdue/", views.overdue, name="overdue"),
    path("in-time/", views.in_time, name="in_time"),
    path("child/<int:pk>/", views.child_visits, name="child"),
    path("child/<int:pk>/social-worker/", views.allocate, name="allocate"),
    path("child/<int:pk>/add/", views.visit_add, name="add"),
]
