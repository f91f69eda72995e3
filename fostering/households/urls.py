from django.urls import path

from . import course_views, life_views, views

app_name = "households"
urlpatterns = [
    path("", views.household_list, name="list"),
    path("<int:pk>/", views.household_detail, name="detail"),
    path("<int:pk>/history/", views.household_history, name="history"),
    path("<int:pk>/supervision-visits/add/", views.supervision_visit_add, name="supervision_visit_add"),
    path("<int:pk>/reviews/add/", views.review_add, name="review_add"),
    path("<int:pk>/status/", views.status_change, name="status_change"),
    path("<int:pk>/members/add/", views.member_add, name="member_add"),
    path("<int:pk>/checks/add/", views.check_add, name="check_add"),
    path("<int:pk>/terms/", views.terms_change, name="terms_change"),
    path("<int:pk>/allocate/", life_views.allocate, name="allocate"),
    path("<int:pk>/support-plans/add/", life_views.support_plan_add, name="support_plan_add"),
    path("<int:pk>/training/add/", life_views.training_add, name="training_add"),
    path("<int:pk>/tsd/add/", life_views.tsd_add, name="tsd_add"),
    path("<int:pk>/members/leave/", life_views.member_leave_page, name="member_leave"),
    path("<int:pk>/exit-interview/", life_views.exit_interview, name="exit_interview"),
    path("reviews/<int:pk>/", life_views.review_detail, name="review_detail"),
    path(
        "supervision-visits/<int:pk>/", life_views.supervision_visit_detail, name="supervision_visit_detail"
    ),
    path("reviews/<int:pk>/views/add/", life_views.review_view_add, name="review_view_add"),
    path("caseloads/", life_views.team, name="team"),
    path("caseloads/<int:pk>/", life_views.caseload, name="caseload"),
    path("at-risk/", life_views.retention, name="retention"),
    path("courses/", course_views.course_list, name="courses"),
    path("courses/add/", course_views.course_add, name="course_add"),
    path("courses/<int:pk>/", course_views.course_detail, name="course_detail"),
]
