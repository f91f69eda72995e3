from django.urls import path

from . import views

app_name = "leaving_care"
urlpatterns = [
    path("", views.care_leaver_list, name="list"),
    path("birthdays/", views.birthdays, name="birthdays"),
    path("figures/", views.figures_page, name="figures"),
    path("child/<int:pk>/", views.child_leaving_care, name="child"),
    path("child/<int:pk>/record/", views.care_leaver_add, name="add"),
    path("<int:pk>/", views.care_leaver_detail, name="detail"),
    path("<int:pk>/adviser/", views.adviser_allocate, name="adviser"),
    path("<int:pk>/pathway-plan/", views.pathway_plan_add, name="pathway_plan"),
    path("<int:pk>/contact/", views.contact_add, name="contact"),
    path("<int:pk>/birthday-contact/", views.birthday_contact_add, name="birthday_contact"),
]
