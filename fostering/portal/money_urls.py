"""The portal's money pages (see the module of the same part)."""

from django.urls import URLPattern, path

from . import money_views as views

urlpatterns: list[URLPattern] = [
    path("", views.statements, name="money_statements"),
    path("statements/<int:pk>/", views.statement, name="money_statement"),
    path("statements/<int:pk>/pdf/", views.statement_download, name="money_statement_pdf"),
    path("tax-year/", views.tax_year, name="money_tax_year"),
    path("lines/<int:pk>/query/", views.line_query, name="money_line_query"),
    path("queries/", views.queries, name="money_queries"),
    path("claims/", views.claims, name="money_claims"),
    path("claims/new/", views.claim_add, name="money_claim_add"),
]
