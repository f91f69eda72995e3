from django.urls import path

from . import views
from .choices import SCHEDULED_KINDS

app_name = "dataprotection"
urlpatterns = [
    path("", views.due, name="due"),
    path("schedule/", views.schedule, name="schedule"),
    path("schedule/<int:pk>/", views.rule_edit, name="rule_edit"),
    path("disposals/", views.disposals, name="disposals"),
    path("people/", views.people, name="people"),
    path("people/<int:pk>/subject-access/", views.subject_access, name="subject_access"),
    path("people/<int:pk>/erasure-request/", views.erasure_add, name="erasure_add"),
    path("erasure-requests/", views.erasure_list, name="erasure_list"),
    path("erasure-requests/<int:pk>/", views.erasure_detail, name="erasure_detail"),
    path("erasure-requests/<int:pk>/decide/", views.erasure_decide, name="erasure_decide"),
]
urlpatterns += [
    path(f"dispose/{kind.value}/<int:pk>/", views.dispose_view(kind), name=f"dispose_{kind.value}")
    for kind in SCHEDULED_KINDS
]
