"""The portal's application pages (see the module of the same part)."""

from django.urls import path

from . import application_views

urlpatterns = [
    path("", application_views.tasks, name="application"),
    path("documents/", application_views.documents, name="application_documents"),
    path("<slug:code>/", application_views.section, name="application_section"),
]
