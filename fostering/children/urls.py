from django.urls import path

from . import views

app_name = "children"
urlpatterns = [
    path("", views.child_list, name="list"),
    path("add/", views.child_add, name="add"),
    path("<int:pk>/", views.child_detail, name="detail"),
    path("<int:pk>/change/", views.child_edit, name="edit"),
    path("<int:pk>/history/", views.child_history, name="history"),
    path("<int:pk>/needs/", views.child_needs, name="needs"),
    path("<int:pk>/siblings/", views.child_siblings, name="siblings"),
    path("<int:pk>/care/", views.child_care, name="care"),
    path("<int:pk>/care/start/", views.care_start, name="care_start"),
    path("<int:pk>/care/end/", views.care_end, name="care_end"),
    path("<int:pk>/legal-status/", views.legal_status_change, name="legal_status"),
    path("<int:pk>/reviews/add/", views.review_add, name="review_add"),
]
