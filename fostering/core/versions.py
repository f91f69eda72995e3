"""Edits made from an old copy of a record are refused: every edit form carries the version it was read at.

The version of a record is its ``modified_at`` (microseconds on SQLite and PostgreSQL; every service
stamps it when it changes the record, see ``OrganisationRecord.stamp``). An edit form mixes in
``VersionedForm`` and is given the record (or the records) it shows; it carries their version in a hidden
field. ``core.views.submit`` runs the service inside ``current(form)``: one transaction that first locks
the records (``select_for_update``) and compares their version with the one the form was read at. If
someone saved the record in between, nothing is saved: the form keeps what this user entered, shows who
changed the record, when, and for each field the value now saved beside the value entered, and now
carries the new version, so saving again is a deliberate choice. See ADR 11.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.forms.utils import pretty_name
from django.utils import timezone

from fostering.accounts.models import User

FIELD = "record_version"
NOT_GIVEN = "Not given"


class StaleEdit(ValidationError):
    """The record was changed by someone else after the form was read; shown above the form."""


@dataclass(frozen=True)
class Row:
    label: str
    saved: str
    entered: str


@dataclass(frozen=True)
class Conflict:
    """Who changed the record after this user opened the form, when, and where the two differ."""

    changed_by: str
    changed_at: datetime | None
    rows: list[Row]


def _stamp(moment: datetime | None) -> str:
    return "-" if moment is None else moment.astimezone(UTC).isoformat(timespec="microseconds")


def version_of(records: Sequence[models.Model | None]) -> str:
    """The version of the records as this process holds them: their modified_at, in order."""
    return ",".join("-" if r is None else _stamp(r.modified_at) for r in records)  # type: ignore[attr-defined]


def _lock(records: Sequence[models.Model | None]) -> list[tuple[datetime | None, int | None]]:
    """Lock the records' rows until the transaction ends; their saved (modified_at, modified_by) now.

    Rows are locked in one order (table, then key) so two edits of overlapping records cannot deadlock.
    """
    saved: dict[int, tuple[datetime | None, int | None]] = {}
    present = [(i, r) for i, r in enumerate(records) if r is not None]
    for i, record in sorted(present, key=lambda pair: (pair[1]._meta.db_table, pair[1].pk)):
        row = (
            type(record)
            ._default_manager.select_for_update()
            .filter(pk=record.pk)
            .values_list("modified_at", "modified_by")
            .first()
        )
        saved[i] = row if row is not None else (None, None)
    return [saved.get(i, (None, None)) for i in range(len(records))]


def _flat_choices(choices: Any) -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, label in choices:
        if isinstance(label, list | tuple):
            flat.update(_flat_choices(label))
        else:
            flat[str(key)] = str(label)
    return flat


def display(field: forms.Field, value: Any) -> str:
    """A value of the field as the page would read it: labels for choices, dates written out."""
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        prepared = field.prepare_value(value)
        labels = _flat_choices(field.choices)
        if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            wanted = {str(v) for v in (prepared or [])}
            shown = [label for key, label in labels.items() if key in wanted]
            return ", ".join(shown) or NOT_GIVEN
        if prepared in (None, ""):
            return NOT_GIVEN
        return labels.get(str(prepared), str(prepared))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%-d %B %Y, %H:%M")
    if isinstance(value, date):
        return value.strftime("%-d %B %Y")
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or NOT_GIVEN
    if value is None or value == "":
        return NOT_GIVEN
    return str(value)


class VersionedForm(forms.Form):
    """Mix into an edit form before ``ServiceForm``: ``record=`` the record (or records) the form shows.

    The form's ``initial`` holds the values saved now (the view reads them from the record); after a
    refused save ``conflict`` says who changed the record and how the values differ.
    """

    def __init__(
        self, *args: Any, record: models.Model | None | Sequence[models.Model | None], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.records: tuple[models.Model | None, ...] = (
            tuple(record) if isinstance(record, list | tuple) else (record,)  # type: ignore[assignment]
        )
        self.fields[FIELD] = forms.CharField(widget=forms.HiddenInput, required=False)
        self.fields[FIELD].initial = version_of(self.records)
        self.conflict: Conflict | None = None
        self._read_version = ""

    def clean(self) -> dict[str, Any]:
        """Take the version out of the cleaned data: the service is given only the record's fields."""
        cleaned = super().clean()
        cleaned = self.cleaned_data if cleaned is None else cleaned
        self._read_version = str(cleaned.pop(FIELD, "") or "")
        return cleaned

    def read_version(self) -> str:
        """The version the user's copy was read at (the one posted back)."""
        return self._read_version

    def check_current(self) -> None:
        """Inside a transaction: lock the records and refuse the save if they changed since read.

        A post without a version (not sent by the page, which always carries one) claims no copy and
        is not checked; the records are still locked until the save commits.
        """
        saved = _lock(self.records)
        if not self.read_version() or ",".join(_stamp(at) for at, _ in saved) == self.read_version():
            return
        read = self.read_version().split(",")
        changed = [
            (at, by) for i, (at, by) in enumerate(saved) if i >= len(read) or read[i] != _stamp(at)
        ] or saved
        at, by = max(changed, key=lambda pair: pair[0] or datetime.min.replace(tzinfo=UTC))
        user = User.objects.filter(pk=by).first() if by else None
        who = (user.get_full_name() or user.username) if user else "Someone"
        self.conflict = Conflict(changed_by=who, changed_at=at, rows=self._rows())
        # keep what was entered, and carry the version just shown, so saving again is deliberate
        data = self.data.copy()  # type: ignore[attr-defined]
        data[self.add_prefix(FIELD)] = version_of(self.records)
        self.data = data
        raise StaleEdit(f"{who} changed these details after you opened this page")

    def _rows(self) -> list[Row]:
        rows = []
        for name, field in self.fields.items():
            if name == FIELD or name not in self.initial or name not in self.cleaned_data:
                continue
            saved, entered = display(field, self.initial[name]), display(field, self.cleaned_data[name])
            if saved != entered:
                rows.append(Row(label=str(field.label or pretty_name(name)), saved=saved, entered=entered))
        return rows


@contextmanager
def current(form: forms.Form) -> Iterator[None]:
    """Run a save from ``form`` only if the records it shows have not changed since it was read.

    For a ``VersionedForm`` the save runs in one transaction that holds the records' rows locked from
    the check to the commit, so of two concurrent saves from the same version only the first passes.
    """
    if not isinstance(form, VersionedForm):
        yield
        return
    with transaction.atomic():
        form.check_current()
        yield
