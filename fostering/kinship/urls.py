from django.urls import path

from . import views

app_name = "kinship"
urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("start/", views.assessment_start, name="start"),
    path("<int:pk>/", views.assessment_detail, name="detail"),
    path("<int:pk>/history/", views.assessment_history, name="history"),
    path("<int:pk>/placement/", views.placement, name="placement"),
    path("<int:pk>/panel-views/", views.panel_views, name="panel_views"),
    path("<int:pk>/iro-informed/", views.iro_informed, name="iro_informed"),
    path("<int:pk>/nominated-officer/", views.nominated_officer, name="nominated_officer"),
    path("<int:pk>/extension/", views.extension, name="extension"),
    path("<int:pk>/stage/", views.stage, name="stage"),
    path("<int:pk>/outcome/", views.outcome, name="outcome"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
]
