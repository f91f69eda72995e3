from django.urls import path

from . import annual_views, household_views, ofsted_views, views
from . import panel as panel_report
from .households import REPORTS

app_name = "reporting"
urlpatterns = [path("", views.reports, name="index")]
urlpatterns += [path("recruitment-funnel/", views.recruitment_funnel, name="recruitment_funnel")]
urlpatterns += [path("panel/", panel_report.panel_activity, name="panel_activity")]
urlpatterns += [path("households/", household_views.household_reports, name="household_reports")]
urlpatterns += [
    path(f"households/{code.replace('_', '-')}/", household_views.report_view(code), name=code)
    for code in REPORTS
]
urlpatterns += [
    path("ofsted/", ofsted_views.ofsted_dataset, name="ofsted_dataset"),
    path("ofsted/records/", ofsted_views.ofsted_records, name="ofsted_records"),
]
urlpatterns += [
    path("annual/", annual_views.annual_report_page, name="annual_report"),
    path("annual/section/", annual_views.section_page, name="annual_report_section"),
]
