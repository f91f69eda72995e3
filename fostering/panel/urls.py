from django.urls import path

from . import views

app_name = "panel"
urlpatterns = [
    path("", views.meeting_list, name="meeting_list"),
    path("meetings/add/", views.meeting_add, name="meeting_add"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/members/", views.meeting_invite, name="meeting_invite"),
    path("meetings/<int:pk>/papers/", views.papers_sent, name="papers_sent"),
    path("meetings/<int:pk>/held/", views.meeting_held, name="meeting_held"),
    path("meetings/<int:pk>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("meetings/<int:pk>/items/add/", views.item_add, name="item_add"),
    path("items/<int:pk>/", views.item_detail, name="item_detail"),
    path("items/<int:pk>/papers/", views.item_papers, name="item_papers"),
    path("items/<int:pk>/conflicts/add/", views.conflict_add, name="conflict_add"),
    path("items/<int:pk>/sitting/", views.sitting, name="sitting"),
    path("items/<int:pk>/recommendation/", views.recommendation, name="recommendation"),
    path("items/<int:pk>/feedback/add/", views.feedback_add, name="feedback_add"),
    path("items/<int:pk>/decision/", views.decision, name="decision"),
    path("items/<int:pk>/determination/", views.determination, name="determination"),
    path("decisions/", views.adm_queue, name="adm_queue"),
    path("feedback/", views.feedback_summary, name="feedback_summary"),
    path("members/", views.member_list, name="member_list"),
    path("members/add/", views.member_add, name="member_add"),
    path("members/<int:pk>/", views.member_detail, name="member_detail"),
    path("members/<int:pk>/leave/", views.member_leave, name="member_leave"),
    path("members/<int:pk>/appraisals/add/", views.appraisal_add, name="appraisal_add"),
    path("members/<int:pk>/training/add/", views.training_add, name="training_add"),
]
