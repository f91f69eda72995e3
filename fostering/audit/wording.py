"""Audit events as sentences a person can read.

An event stores its changes as ``field -> [old, new]`` with the raw values (choice codes, foreign key
ids, ISO dates). This is the one place that turns them into words: the field's label (its
``verbose_name``), choice labels, the names of the records a foreign key points to (looked up in one
query per kind of record for the whole timeline), GOV.UK dates, Yes/No and money in pounds.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone

from .models import AuditEvent

VERB_LABELS = {
    "viewed": "Record viewed",
    "listed": "List opened",
    "searched": "Search made",
}
# Reads of pages that show children (fostering.audit.services.record_read): who read what, not changes
READ_VERBS = frozenset({"viewed", "listed", "searched"})
SHOWN_BY_NAME = 5  # a page that showed more children than this reads as how many it showed
URL_NAME = re.compile(r"^[a-z0-9_]+:[a-z0-9_]+$")

ISO_DATE = re.compile(
    r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?\b"
)
SNAKE = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)+$")
NOT_MONEY = ("percent", "hours", "distance", "rate_of")


# Fields that hold a list of codes (a JSONField has no choices of its own): app_label.model -> field -> labels
LIST_CHOICES: dict[tuple[str, str], dict[str, str]] = {}


def register_list_choices(model_label: str, field_name: str, choices: Iterable[tuple[Any, Any]]) -> None:
    """Name the labels of the codes a list field holds (called from an app's ready())."""
    LIST_CHOICES[(model_label.lower(), field_name)] = {str(code): str(label) for code, label in choices}


# Labels for fields whose verbose name is not what a person would say: app_label.model -> field -> label
FIELD_LABELS: dict[tuple[str, str], str] = {}


def register_field_labels(model_label: str, labels: dict[str, str]) -> None:
    """Name fields in the words a person would use (called from an app's ready())."""
    for name, label in labels.items():
        FIELD_LABELS[(model_label.lower(), name)] = label


def verb_label(verb: str) -> str:
    """'household_status_changed' -> 'Household status changed'."""
    return VERB_LABELS.get(verb, verb.replace("_", " ").capitalize())


def humanise(key: str) -> str:
    """A label for a key no model names: 'named_child_id' -> 'named child'."""
    key = key.removesuffix("_id") if key.endswith("_id") and key != "_id" else key
    return key.replace("_", " ").strip() or key


def govuk_date(on: date) -> str:
    return f"{on.day} {on:%B %Y}"


def govuk_datetime(at: datetime) -> str:
    if timezone.is_aware(at):
        at = timezone.localtime(at)
    return f"{govuk_date(at.date())}, {at:%H:%M}"


def dates_in_text(text: str) -> str:
    """Every ISO date (or date and time) inside a piece of text, as a GOV.UK date."""

    def replace(match: re.Match[str]) -> str:
        try:
            on = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return match[0]
        if match[4] is not None:
            try:
                return govuk_datetime(datetime.fromisoformat(match[0].replace("Z", "+00:00")))
            except ValueError:
                return govuk_date(on)
        return govuk_date(on)

    return ISO_DATE.sub(replace, text)


def join_words(words: list[str]) -> str:
    """['Short term', 'Long term'] -> 'Short term and long term'."""
    words = [w for w in words if w]
    if not words:
        return "none"
    shown = [words[0], *(_lower_first(w) for w in words[1:])]
    if len(shown) == 1:
        return shown[0]
    return f"{', '.join(shown[:-1])} and {shown[-1]}"


def _lower_first(text: str) -> str:
    """Lower the first letter of a label, but not of an acronym or a name ('DBS check', 'UPN')."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _names(names: list[str]) -> str:
    """People's names joined with 'and', as they are written."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _shown(event: AuditEvent) -> list[Any]:
    shown = (event.changes or {}).get("children") or []
    return shown if isinstance(shown, list) else [shown]


def _child_model() -> type[models.Model] | None:
    try:
        return apps.get_model("children", "Child")
    except LookupError:
        return None


def _not_a_page_name(text: str) -> str:
    """A read names the page by its URL name ('households:detail'): not words a person reads."""
    return "" if URL_NAME.match(text) else text


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


@dataclass
class Readable:
    """One event as the timeline shows it."""

    event: AuditEvent
    heading: str
    byline: str
    sentences: list[str] = field(default_factory=list)
    note: str = ""
    record_label: str = ""


class _Fields:
    """Finds the model field behind a stored key: the record's own model first, then the other models
    of its app (an approval stores the household's and its terms' fields on the household)."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], models.Field[Any, Any] | None] = {}

    def find(self, record_type: str, key: str) -> models.Field[Any, Any] | None:
        cache_key = (record_type, key)
        if cache_key not in self._cache:
            self._cache[cache_key] = self._lookup(record_type, key)
        return self._cache[cache_key]

    @staticmethod
    def _candidates(record_type: str) -> list[type[models.Model]]:
        try:
            model = apps.get_model(record_type)
        except (LookupError, ValueError):
            return []
        others = [m for m in apps.get_app_config(model._meta.app_label).get_models() if m is not model]
        return [model, *others]

    def _lookup(self, record_type: str, key: str) -> models.Field[Any, Any] | None:
        for model in self._candidates(record_type):
            for name in (key, key.removesuffix("_id")):
                try:
                    found = model._meta.get_field(name)
                except FieldDoesNotExist:
                    continue
                if isinstance(found, models.Field):
                    return found
        return None


class Wording:
    """Words for the changes of a list of events; foreign keys are resolved in bulk up front."""

    def __init__(self, events: Iterable[AuditEvent]) -> None:
        self.events = list(events)
        self.fields = _Fields()
        self.names: dict[type[models.Model], dict[str, str]] = {}
        self._resolve_foreign_keys()

    def _resolve_foreign_keys(self) -> None:
        wanted: dict[type[models.Model], set[str]] = defaultdict(set)
        child_model = _child_model()
        for event in self.events:
            if event.verb in READ_VERBS:
                shown = _shown(event)
                if child_model is not None and len(shown) <= SHOWN_BY_NAME:
                    wanted[child_model].update(str(pk) for pk in shown)
                continue
            for key, values in (event.changes or {}).items():
                found = self.fields.find(event.record_type, key)
                if found is None or not found.is_relation or found.related_model is None:
                    continue
                for value in values if isinstance(values, list) else [values]:
                    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
                        wanted[found.related_model].add(str(value))  # type: ignore[index]
        for model, ids in wanted.items():
            manager = model._base_manager
            self.names[model] = {str(obj.pk): str(obj) for obj in manager.filter(pk__in=sorted(ids))}

    def value(self, found: models.Field[Any, Any] | None, value: Any) -> str:
        """One stored value in words."""
        if _is_empty(value):
            return "none"
        if found is not None:
            related = found.related_model
            if found.is_relation and related is not None and not isinstance(related, str):
                if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
                    name = self.names.get(related, {}).get(str(value))
                    return name if name else f"a {related._meta.verbose_name} no longer held"
                return dates_in_text(str(value))
            listed = (
                LIST_CHOICES.get((found.model._meta.label_lower, found.name))
                if hasattr(found, "model")
                else None
            )
            if listed is not None:
                items = value if isinstance(value, list) else [value]
                return join_words([listed.get(str(v), self._plain(v)) for v in items])
            if found.choices:
                labels = {str(code): str(label) for code, label in found.flatchoices}
                if isinstance(value, list):
                    return join_words([labels.get(str(v), self.value(None, v)) for v in value])
                if str(value) in labels:
                    return labels[str(value)]
            if isinstance(found, models.BooleanField):
                return "Yes" if value else "No"
            if (
                isinstance(found, models.DecimalField)
                and found.decimal_places == 2
                and not any(part in found.name for part in NOT_MONEY)
            ):
                try:
                    return f"£{Decimal(str(value)):,.2f}"
                except InvalidOperation:
                    return str(value)
            if isinstance(found, models.DateTimeField) and isinstance(value, str):
                try:
                    return govuk_datetime(datetime.fromisoformat(value))
                except ValueError:
                    return dates_in_text(value)
        return self._plain(value)

    def _plain(self, value: Any) -> str:
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, datetime):
            return govuk_datetime(value)
        if isinstance(value, date):
            return govuk_date(value)
        if isinstance(value, list):
            return join_words([self._plain(v) for v in value])
        if isinstance(value, dict):
            return "; ".join(f"{humanise(str(k))}: {self._plain(v)}" for k, v in value.items())
        if isinstance(value, int | float | Decimal):
            return f"{value:,}" if abs(Decimal(value)) >= 10000 else str(value)
        text = str(value)
        if SNAKE.match(text):
            return humanise(text).capitalize()
        return dates_in_text(text)

    def label(self, record_type: str, key: str) -> str:
        found = self.fields.find(record_type, key)
        if found is not None:
            registered = FIELD_LABELS.get((found.model._meta.label_lower, found.name))
            return registered or str(found.verbose_name)
        return humanise(key)

    def sentence(self, event: AuditEvent, key: str, values: Any) -> str:
        actor = str(event.actor) if event.actor_id else "The system"
        found = self.fields.find(event.record_type, key)
        label = _lower_first(self.label(event.record_type, key))
        old, new = (values[0], values[1]) if isinstance(values, list) and len(values) == 2 else (None, values)
        if _is_empty(old) and _is_empty(new):
            return f"{actor} left the {label} empty."
        if _is_empty(old):
            return f"{actor} set the {label} to {self.value(found, new)}."
        if _is_empty(new):
            return f"{actor} removed the {label} (it was {self.value(found, old)})."
        return f"{actor} changed the {label} from {self.value(found, old)} to {self.value(found, new)}."

    def read_sentence(self, event: AuditEvent) -> str:
        """A read in words: who opened what, and the children it showed (by name, or how many)."""
        actor = str(event.actor) if event.actor_id else "The system"
        search = (event.changes or {}).get("search")
        if search:
            what = f"searched for “{search}”"
        elif event.verb == "listed":
            what = "opened a list"
        else:
            what = "opened the record"
        shown = _shown(event)
        if not shown:
            return f"{actor} {what}."
        if len(shown) > SHOWN_BY_NAME:
            return f"{actor} {what}, which showed {len(shown):,} children."
        model = _child_model()
        held = self.names.get(model, {}) if model is not None else {}
        names = [held.get(str(pk), "a child no longer held") for pk in shown]
        return f"{actor} {what}, which showed {_names(names)}."

    def readable(self) -> list[Readable]:
        out = []
        for event in self.events:
            actor = str(event.actor) if event.actor_id else "the system"
            if event.verb in READ_VERBS:
                sentences = [self.read_sentence(event)]
                note, record_label = _not_a_page_name(event.note), _not_a_page_name(event.record_label)
            else:
                sentences = [
                    self.sentence(event, key, values) for key, values in (event.changes or {}).items()
                ]
                note, record_label = event.note, event.record_label
            out.append(
                Readable(
                    event=event,
                    heading=verb_label(event.verb),
                    byline=f"{govuk_datetime(event.at)} by {actor}",
                    sentences=sentences,
                    note=dates_in_text(note),
                    record_label=dates_in_text(record_label),
                )
            )
        return out


def readable_events(events: Iterable[AuditEvent]) -> list[Readable]:
    """The events of a timeline in words, with one query per kind of record their changes point to."""
    return Wording(events).readable()
