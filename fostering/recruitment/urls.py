from django.urls import path

app_name = "recruitment"
urlpatterns: list = []
