from django.urls import path

from . import views

app_name = "concerns"
urlpatterns = [
    path("allegations/", views.allegation_list, name="allegation_list"),
    path("households/<int:pk>/allegations/add/", views.allegation_add, name="allegation_add"),
    path("allegations/<int:pk>/", views.allegation_detail, name="allegation_detail"),
    path("allegations/<int:pk>/change/", views.allegation_progress, name="allegation_progress"),
    path("allegations/<int:pk>/conclude/", views.allegation_conclude, name="allegation_conclude"),
    path("complaints/", views.complaint_list, name="complaint_list"),
    path("complaints/add/", views.complaint_add, name="complaint_add"),
    path("complaints/<int:pk>/", views.complaint_detail, name="complaint_detail"),
    path("complaints/<int:pk>/respond/", views.complaint_respond, name="complaint_respond"),
    path("complaints/<int:pk>/escalate/", views.complaint_escalate, name="complaint_escalate"),
]
