from django.urls import include, path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("messages/", views.messages, name="messages"),
    path("sign-in/", views.sign_in, name="sign_in"),
    path("invitation/<str:token>/", views.accept, name="accept"),
    # each part of the portal keeps its own pages (names stay in the "portal" namespace)
    path("money/", include("fostering.portal.money_urls")),
    path("children/", include("fostering.portal.children_urls")),
    path("household/", include("fostering.portal.household_urls")),
    path("application/", include("fostering.portal.application_urls")),
]
