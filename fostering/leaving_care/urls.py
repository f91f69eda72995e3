from django.urls import URLPattern

app_name = "leaving_care"
urlpatterns: list[URLPattern] = []
