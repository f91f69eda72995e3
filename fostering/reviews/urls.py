from django.urls import path

from . import views

app_name = "reviews"
urlpatterns = [
    path("", views.home, name="home"),
    path("caseloads/", views.caseloads, name="caseloads"),
    path("settings/", views.review_settings, name="settings"),
    path("report/", views.report, name="report"),
    path("child/<int:pk>/", views.child_reviews, name="child"),
    path("child/<int:pk>/allocate/", views.allocate, name="allocate"),
    path("child/<int:pk>/request/", views.request_add, name="request_add"),
    path("child/<int:pk>/review/", views.review_add, name="review_add"),
    path("record/<int:pk>/", views.record_detail, name="record"),
    path("record/<int:pk>/write/", views.record_write, name="record_write"),
    path("record/<int:pk>/booklet/", views.booklet_add, name="booklet_add"),
    path("record/<int:pk>/recommendation/", views.recommendation_add, name="recommendation_add"),
    path("record/<int:pk>/midway/", views.midway_check, name="midway"),
    path("recommendation/<int:pk>/done/", views.recommendation_done, name="recommendation_done"),
]
