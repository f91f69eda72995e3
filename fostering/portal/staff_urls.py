from django.urls import path

from . import staff_views

app_name = "portal_staff"
urlpatterns = [
    path("households/<int:pk>/", staff_views.access_page, {"kind": "household"}, name="household"),
    path(
        "households/<int:pk>/message/", staff_views.message, {"kind": "household"}, name="household_message"
    ),
    path("assessments/<int:pk>/", staff_views.access_page, {"kind": "assessment"}, name="assessment"),
    path(
        "assessments/<int:pk>/message/",
        staff_views.message,
        {"kind": "assessment"},
        name="assessment_message",
    ),
    path("access/<int:pk>/resend/", staff_views.resend, name="resend"),
    path("access/<int:pk>/withdraw/", staff_views.withdraw, name="withdraw"),
    path("access/<int:pk>/end/", staff_views.end, name="end"),
]
