from django.urls import path

app_name = "households"
urlpatterns: list = []
