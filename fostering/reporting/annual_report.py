"""The fostering service's annual report (Fostering Services Regulations 2011, NMS 25.7): the seed's
sections, each with the year's figures from the system, a chart where one helps, and the words managers
write in the system (drafts until the service manager signs them off).

Figures are the indicators at the year's end (March, kept if the month is closed), the year's totals from
the Ofsted dataset, and the panel's year for the panel chair's report, so the annual report, the dashboard,
the dataset and the panel's year show the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fostering.accounts.models import Organisation, User
from fostering.accounts.permissions import Perm, require
from fostering.audit.services import record_event
from fostering.core import clock
from fostering.indicators import charts
from fostering.indicators.definitions import show
from fostering.indicators.periods import Month
from fostering.indicators.selectors import Row, dashboard
from fostering.indicators.services import standing

from .models import AnnualReportSection
from .panel import panel_year

# (code, title, indicators shown) in the order of the seed's report
SECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("our_service", "Our service: principles, objectives and what we did", ("FOS06", "FOS13", "FOS14")),
    ("teams", "The teams", ()),
    ("recruitment", "Recruitment: the front door", ("FOS01", "FOS02", "FOS03")),
    ("assessment", "Assessment", ("FOS04",)),
    ("mentoring", "Mentoring", ()),
    ("retention", "Retention", ("FOS07", "FOS11")),
    ("placement_support", "Placement support", ("FOS15", "FOS16")),
    ("supported_lodgings", "Supported lodgings", ()),
    ("staying_put", "Staying Put", ()),
    ("specialist_carers", "Specialist carers", ()),
    ("fees_and_allowances", "Fees and allowances", ()),
    ("training", "Training", ()),
    ("independent_visitors", "The independent visitor scheme", ()),
    ("reviewing_officer", "The fostering reviewing officer's report", ("FOS10",)),
    ("supervision", "Supervision and support of carers", ("FOS08", "FOS09")),
    ("panel_chair", "The panel chair's report", ("FOS05",)),
    ("carers_association", "The carers' association and support groups", ()),
    ("complaints_allegations", "Complaints and allegations", ("FOS12",)),
    ("quality_assurance", "Quality assurance", ()),
    ("final_word", "A final word", ()),
)
SECTION_TITLES = {code: title for code, title, _ in SECTIONS}


@dataclass
class Figure:
    code: str
    title: str
    value: str
    out_of: str
    kept: bool
    spec: dict[str, Any] | None = None


@dataclass
class Section:
    code: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    words: AnnualReportSection | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class AnnualReport:
    organisation: Organisation
    year: int
    sections: list[Section]

    @property
    def start(self) -> date:
        return date(self.year - 1, 4, 1)

    @property
    def end(self) -> date:
        return date(self.year, 3, 31)

    @property
    def signed_off(self) -> int:
        return sum(1 for s in self.sections if s.words and s.words.signed_off)


def year_problem(year: int, today: date) -> str:
    if year < 2000:
        return "The year must be 2000 or later"
    if date(year, 3, 31) >= today:
        return f"The year to 31 March {year} has not ended yet"
    return ""


def _figure(organisation_id: int, row: Row, march: Month) -> Figure:
    """The figure at the year's end (kept, or counted now), and the year's kept months for its chart."""
    indicator = row.indicator
    figure = standing(organisation_id, row.counted, march)
    title = (
        indicator.title if indicator.frequency != "quarterly" else f"{indicator.title} (the quarter to March)"
    )
    return Figure(
        indicator.code,
        title,
        show(indicator, figure.value),
        f"{figure.numerator} out of {figure.denominator}" if figure.denominator is not None else "",
        not figure.provisional,
        charts.trend_spec(row) if len(row.points) > 1 else None,
    )


def annual_report(organisation: Organisation, year: int, *, today: date | None = None) -> AnnualReport:
    today = today or clock.today()
    march = Month(year, 3)
    words = {
        s.section: s
        for s in AnnualReportSection.objects.filter(organisation=organisation, year=year).select_related(
            "signed_off_by"
        )
    }
    # the year's kept months of every indicator, in one query (a quarterly indicator has four)
    rows = {row.indicator.code: row for row in dashboard(organisation.pk, upto=march, periods=12)}
    sections = []
    for code, title, indicators in SECTIONS:
        figures = [_figure(organisation.pk, rows[c], march) for c in indicators]
        section = Section(code, title, figures, words.get(code))
        if code == "panel_chair":
            section.extra["panel"] = panel_year(
                organisation_ids={organisation.pk}, year=year - 1, today=today
            )
        sections.append(section)
    return AnnualReport(organisation, year, sections)


def section_write(
    *, organisation: Organisation, year: int, section: str, text: str, by: User
) -> AnnualReportSection:
    """Save a manager's words for a section as a draft (signed-off words changed become a draft again)."""
    require(by, Perm.WRITE_ANNUAL_REPORT, organisation.pk)
    if section not in SECTION_TITLES:
        raise ValidationError({"section": "Choose a section of the report"})
    if not text.strip():
        raise ValidationError({"text": "Write the section's words"})
    with transaction.atomic():
        row, created = AnnualReportSection.objects.select_for_update().get_or_create(
            organisation=organisation, year=year, section=section, defaults={"text": text}
        )
        before = None if created else row.text
        row.text = text
        row.signed_off_by, row.signed_off_at = None, None
        row.stamp(by)
        row.save()
        record_event(actor=by, verb="annual_report_written", obj=row, changes={"text": [before, text]})
    return row


def section_sign_off(*, organisation: Organisation, year: int, section: str, by: User) -> AnnualReportSection:
    require(by, Perm.SIGN_OFF_ANNUAL_REPORT, organisation.pk)
    with transaction.atomic():
        row = (
            AnnualReportSection.objects.select_for_update()
            .filter(organisation=organisation, year=year, section=section)
            .first()
        )
        if row is None:
            raise ValidationError({"section": "There are no words to sign off in this section yet"})
        if row.signed_off:
            raise ValidationError({"section": "This section is signed off already"})
        row.signed_off_by, row.signed_off_at = by, clock.now()
        row.stamp(by)
        row.save()
        record_event(
            actor=by, verb="annual_report_signed_off", obj=row, changes={"signed_off": [False, True]}
        )
    return row


def pdf(report: AnnualReport) -> bytes:
    from django.template.loader import render_to_string
    from weasyprint import CSS, HTML

    for section in report.sections:
        for figure in section.figures:
            figure.svg = charts.svg(figure.spec) if figure.spec else ""  # type: ignore[attr-defined]
    html = render_to_string("reporting/annual_report_pdf.html", {"report": report})
    stylesheet = CSS(filename=Path(__file__).parent / "static" / "reporting/annual_report_pdf.css")
    return bytes(HTML(string=html).write_pdf(stylesheets=[stylesheet]))
