"""Every report of the service, by the people it is for, with a sentence saying what it shows.

The Reports page lists these; a test checks that every report page in the URL configuration is here,
so a new report cannot be left off the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from fostering.accounts.permissions import Perm

from .households import TITLES


@dataclass(frozen=True)
class Report:
    title: str
    url_name: str
    needs: Perm
    summary: str


HOUSEHOLD_SUMMARIES = {
    "approvals": "Households approved in each financial year, by the type of carer.",
    "terms_of_approval": "The current terms of approval of every open household: ages, number of children "
    "and kinds of placement.",
    "reviews": "Household reviews held in each financial year, and how many were on time.",
    "resignations": "Households that resigned in each financial year, by their reason.",
    "allegations": "Allegations against carers in each financial year, by outcome.",
    "complaints": "Complaints in each financial year, by stage and outcome.",
}

SECTIONS: list[tuple[str, list[Report]]] = [
    (
        "For managers of the service",
        [
            Report(
                "How the service is doing",
                "indicators:dashboard",
                Perm.VIEW_INDICATORS,
                "Every indicator's latest figure against its target, with its trend, RAG and the records "
                "it counted; a view for each team.",
            ),
            Report(
                "Quarterly performance pack",
                "indicators:pack",
                Perm.VIEW_INDICATORS,
                "The figures for scrutiny in the pack's layout, as a page, a spreadsheet and a PDF with charts.",
            ),
            Report(
                "The fostering service's annual report",
                "reporting:annual_report",
                Perm.WRITE_ANNUAL_REPORT,
                "The year's figures and charts section by section, with the words managers write and the "
                "service manager signs off, as a page and a PDF.",
            ),
            Report(
                "Recruitment funnel",
                "reporting:recruitment_funnel",
                Perm.VIEW_RECRUITMENT_REPORTS,
                "Enquiries, applications and approvals in a period, and where the requests received in it "
                "have gone since, by month, channel and campaign.",
            ),
            Report(
                "All household reports",
                "reporting:household_reports",
                Perm.VIEW_HOUSEHOLD_REPORTS,
                "The household reports below on one page, each also as a spreadsheet.",
            ),
            *[
                Report(TITLES[code], f"reporting:{code}", Perm.VIEW_HOUSEHOLD_REPORTS, summary)
                for code, summary in HOUSEHOLD_SUMMARIES.items()
            ],
            Report(
                "Households at risk of leaving",
                "households:retention",
                Perm.VIEW_RETENTION,
                "Households showing early signs that they may resign, with the reasons.",
            ),
            Report(
                "Placement stability",
                "placements:measures",
                Perm.VIEW_PLACEMENT_MEASURES,
                "Children's placement moves and the length of their placements, against the national measures.",
            ),
            Report(
                "Forecasts",
                "forecasts:forecast",
                Perm.VIEW_FORECASTS,
                "Households and children in care forecast for the coming years, with the levers to try.",
            ),
        ],
    ),
    (
        "For the fostering panel",
        [
            Report(
                "The panel's year",
                "reporting:panel_activity",
                Perm.VIEW_PANEL_REPORTS,
                "Meetings, recommendations and decisions in a year, for the panel chair's annual report.",
            ),
        ],
    ),
    (
        "For finance",
        [
            Report(
                "Payment runs",
                "payments:runs",
                Perm.VIEW_PAYMENTS,
                "Each month's payments to carers, their reconciliation and the export to finance.",
            ),
        ],
    ),
    (
        "For data and statutory returns",
        [
            Report(
                "SSDA903 return",
                "returns903:home",
                Perm.VIEW_RETURN_903,
                "The year's children looked after return to the Department for Education, checked against "
                "its rules.",
            ),
            Report(
                "Ofsted annual fostering data collection",
                "reporting:ofsted_dataset",
                Perm.VIEW_HOUSEHOLD_REPORTS,
                "The year's households, carers, places, recruitment, deregistrations and carers' ages as "
                "Ofsted's collection asks, with its consistency checks, each figure with its records.",
            ),
            Report(
                "Records due for disposal",
                "dataprotection:due",
                Perm.MANAGE_DATA_PROTECTION,
                "Records past their retention period under the schedule, and why.",
            ),
        ],
    ),
]

REPORT_PERMISSIONS = frozenset(report.needs for _, reports in SECTIONS for report in reports)
