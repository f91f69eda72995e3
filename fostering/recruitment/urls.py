from django.urls import path

from . import views

app_name = "recruitment"
urlpatterns = [
    path("enquire/<str:code>/", views.enquire, name="enquire"),
    path("enquire/<str:code>/thank-you/", views.enquire_thanks, name="enquire_thanks"),
    path("", views.enquiry_list, name="enquiry_list"),
    path("enquiries/add/", views.enquiry_add, name="enquiry_add"),
    path("enquiries/<int:pk>/", views.enquiry_detail, name="enquiry_detail"),
    path("enquiries/<int:pk>/history/", views.enquiry_history, name="enquiry_history"),
    path("enquiries/<int:pk>/response/", views.enquiry_respond, name="enquiry_respond"),
    path("enquiries/<int:pk>/screening-call/", views.screening_call, name="screening_call"),
    path("enquiries/<int:pk>/visit-offer/", views.visit_offer, name="visit_offer"),
    path("enquiries/<int:pk>/initial-visit/", views.initial_visit, name="initial_visit"),
    path("enquiries/<int:pk>/decision/", views.decision, name="decision"),
    path("enquiries/<int:pk>/close/", views.enquiry_close, name="enquiry_close"),
    path("decisions/", views.decisions, name="decisions"),
    path("events/", views.event_list, name="event_list"),
    path("events/add/", views.event_add, name="event_add"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("events/<int:pk>/bookings/add/", views.booking_add, name="booking_add"),
    path("events/<int:pk>/bookings/update/", views.booking_update, name="booking_update"),
]
