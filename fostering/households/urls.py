from django.urls import path

from . import views

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
]
