from django.urls import path

from . import views

app_name = "alerts"
urlpatterns = [
    path("", views.alert_list, name="list"),
    path("figures/", views.figures, name="figures"),
    path("response-times/", views.response_clocks, name="clocks"),
    path("<int:pk>/", views.alert_detail, name="detail"),
    path("<int:pk>/respond/", views.alert_respond, name="respond"),
    path("<int:pk>/escalate/", views.alert_escalate, name="escalate"),
    path("<int:pk>/resolve/", views.alert_resolve, name="resolve"),
    path("children/<int:pk>/", views.child_alerts, name="child"),
    path("children/<int:pk>/raise/", views.alert_raise, name="raise"),
]
