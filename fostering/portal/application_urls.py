"""The portal's application pages (see the module of the same part)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
