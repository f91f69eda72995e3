"""The portal's children pages: the children placed with the carer, their recordings, and breaks."""

from django.urls import path

from . import children_views as views

urlpatterns = [
    path("", views.children, name="children"),
    path("<int:pk>/", views.child, name="child"),
    path("<int:pk>/note/", views.note_add, name="child_note"),
    path("<int:pk>/significant-event/", views.event_add, name="child_event"),
    path("breaks/", views.break_list, name="breaks"),
    path("breaks/ask/", views.break_ask, name="break_ask"),
]
