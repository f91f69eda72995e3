from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [path("recruitment-funnel/", views.recruitment_funnel, name="recruitment_funnel")]
