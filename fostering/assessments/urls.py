from django.urls import path

from . import application_views, views

app_name = "assessments"
urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("add/", views.assessment_add, name="add"),
    path("<int:pk>/", views.assessment_detail, name="detail"),
    path("<int:pk>/history/", views.assessment_history, name="history"),
    path("<int:pk>/members/add/", views.member_add, name="member_add"),
    path("<int:pk>/checks/add/", views.check_add, name="check_add"),
    path("<int:pk>/skills-to-foster/change/", views.skills_to_foster, name="skills_to_foster"),
    path("<int:pk>/mentor/change/", views.mentor, name="mentor"),
    path("<int:pk>/sessions/add/", views.session_add, name="session_add"),
    path("<int:pk>/agreement/change/", views.agreement, name="agreement"),
    path(
        "<int:pk>/previous-agency-reference/change/",
        views.previous_agency_reference,
        name="previous_agency_reference",
    ),
    path("<int:pk>/safeguarding-course/change/", views.safeguarding_course, name="safeguarding_course"),
    path("<int:pk>/worker/change/", views.allocate, name="allocate"),
    path("<int:pk>/stage/", views.stage_change, name="stage_change"),
    path("<int:pk>/hold/", views.hold, name="hold"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
]
urlpatterns += [
    path("<int:pk>/application/", application_views.sent, name="application"),
    path("application-sections/<int:pk>/", application_views.section, name="application_section"),
    path(
        "application-sections/<int:pk>/change/",
        application_views.change,
        name="application_change",
    ),
]
