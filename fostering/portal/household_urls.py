"""The portal's household pages (see the module of the same part)."""

from django.urls import URLPattern, path

from . import household_views

urlpatterns: list[URLPattern] = [
    path("review/", household_views.review, name="household_review"),
    path("training/", household_views.training_page, name="household_training"),
    path("training/courses/<int:pk>/", household_views.course, name="household_course"),
]
