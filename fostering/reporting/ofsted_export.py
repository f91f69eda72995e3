"""The Ofsted dataset as a workbook: one sheet per part of the collection, and the consistency checks."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from .ofsted import Dataset

BOLD = Font(bold=True)


def workbook_bytes(data: Dataset) -> bytes:
    book = Workbook()
    about = book.active
    assert about is not None
    about.title = "About"
    about.append(["Ofsted annual fostering data collection"])
    about["A1"].font = BOLD
    about.append(["Organisation", data.organisation_name])
    about.append(["Financial year", data.label])
    about.append(["From", data.start])
    about.append(["To", data.end])
    about.append(["Checks", "All pass" if data.passed else "Some fail: see the Checks sheet"])
    about.append([])
    about.append(["What the collection asks that is not recorded yet"])
    about[f"A{about.max_row}"].font = BOLD
    for line in data.not_recorded:
        about.append([line])
    for part in data.parts:
        sheet = book.create_sheet(part.code.replace("_", " ").capitalize()[:31])
        sheet.append([part.title])
        sheet["A1"].font = BOLD
        sheet.append([part.intro])
        sheet.append([])
        sheet.append(["", *[label for _, label in part.columns]])
        for cell in sheet[sheet.max_row]:
            cell.font = BOLD
        for label, figures in part.rows:
            sheet.append([label, *[figure.value for figure in figures]])
        sheet.column_dimensions["A"].width = 60
    checks = book.create_sheet("Checks")
    checks.append(["Check", "Result", "Sum", "Expected", "Working"])
    for cell in checks[1]:
        cell.font = BOLD
    for check in data.checks:
        checks.append([check.title, "Pass" if check.passed else "Fail", check.left, check.right, check.sums])
    checks.column_dimensions["A"].width = 40
    checks.column_dimensions["E"].width = 90
    out = BytesIO()
    book.save(out)
    return out.getvalue()
