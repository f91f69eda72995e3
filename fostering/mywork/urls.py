from django.urls import path

app_name = "mywork"
urlpatterns: list = []
