from django.urls import path

from . import views

app_name = "children"
urlpatterns = [
    path("", views.child_list, name="list"),
    path("add/", views.child_add, name="add"),
    path("<int:pk>/", views.child_detail, name="detail"),
    path("<int:pk>/change/", views.child_edit, name="edit"),
    path("<int:pk>/history/", views.child_history, name="history"),
]
