from django.urls import path

from . import claim_views, views

app_name = "payments"
urlpatterns = [
    path("", views.statement_list, name="statements"),
    path("runs/", views.run_list, name="runs"),
    path("runs/draft/", views.run_draft, name="run_draft"),
    path("runs/<int:pk>/", views.run_detail, name="run_detail"),
    path("runs/<int:pk>/approve/", views.run_approve, name="run_approve"),
    path("runs/<int:pk>/commit/", views.run_commit, name="run_commit"),
    path("runs/<int:pk>/discard/", views.run_discard, name="run_discard"),
    path("runs/<int:pk>/reconciliation/", views.run_reconciliation, name="run_reconciliation"),
    path("statements/<int:pk>/", views.statement, name="statement"),
    path("households/<int:pk>/", views.annual, name="annual"),
    path("households/<int:pk>/fee-level/", views.fee_level, name="fee_level"),
    path("households/<int:pk>/carer-access/", views.carer_access, name="carer_access"),
    path("lines/<int:pk>/query/", views.line_query, name="line_query"),
    path("queries/", views.query_list, name="queries"),
    path("queries/<int:pk>/", views.query_detail, name="query_detail"),
    path("queries/<int:pk>/answer/", views.query_answer, name="query_answer"),
    path("rates/", views.rate_list, name="rates"),
    path("rates/add/", views.rate_add, name="rate_add"),
    path("rates/uprating/", views.uprating, name="uprating"),
    path("rates/mileage/", claim_views.mileage_rate_add, name="mileage_rate_add"),
    path("claims/", claim_views.claim_list, name="claims"),
    path("claims/<int:pk>/", claim_views.claim_decide, name="claim_decide"),
    path("claims/<int:pk>/receipt/", claim_views.claim_receipt, name="claim_receipt"),
    path("additional-payments/add/", views.additional_add, name="additional_add"),
]
