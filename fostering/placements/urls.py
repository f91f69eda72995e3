from django.urls import path

from . import carer_views, views

app_name = "placements"
urlpatterns = [
    path("referrals/", views.referral_list, name="referral_list"),
    path("children/<int:pk>/referrals/add/", views.referral_add, name="referral_add"),
    path("children/<int:pk>/start/", views.placement_start, name="start"),
    path("referrals/<int:pk>/", views.referral_detail, name="referral_detail"),
    path("referrals/<int:pk>/status/", views.referral_status, name="referral_status"),
    path("referrals/<int:pk>/match/", views.match, name="match"),
    path("referrals/<int:pk>/place/", views.place, name="place"),
    path("referrals/<int:pk>/external-searches/add/", views.external_search, name="external_search"),
    path("children/<int:pk>/recordings/", carer_views.child_recordings, name="child_recordings"),
    path("households/<int:pk>/breaks/", carer_views.household_breaks, name="breaks"),
    path("vacancies/", views.vacancies, name="vacancies"),
    path("measures/", views.measures, name="measures"),
    path("households/<int:pk>/holds/", views.holds, name="holds"),
    path("households/<int:pk>/holds/add/", views.hold_add, name="hold_add"),
    path("holds/<int:pk>/release/", views.hold_release, name="hold_release"),
    path("<int:pk>/", views.placement_detail, name="detail"),
    path("<int:pk>/end/", views.placement_end, name="end"),
    path("<int:pk>/move/", views.placement_move, name="move"),
    path("<int:pk>/stability-meetings/add/", views.stability_meeting_add, name="stability_meeting_add"),
    path("<int:pk>/dpst/add/", views.dpst_add, name="dpst_add"),
    path("<int:pk>/dpst/outcome/", views.dpst_outcome, name="dpst_outcome"),
]
