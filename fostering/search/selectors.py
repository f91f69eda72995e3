"""The search itself: within each kind's scoped queryset, match the words and order the best first.

One query per kind of record the user may open: the first results and, in the same query, how many
matched (a window count). On PostgreSQL names also match by trigram similarity (pg_trgm), so a
misspelt name is still found and the closest come first; on SQLite every word must appear in a name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any

from django.db import connection
from django.db.models import Count, F, Q, QuerySet, Value, Window
from django.db.models.functions import Concat

from fostering.accounts.models import User

from .registry import SearchKind, kinds_for

MAX_LENGTH = 100
PER_KIND = 5
MAX_WORDS = 6
SIMILARITY = 0.4


@dataclass
class KindResults:
    kind: SearchKind
    total: int
    records: list[Any] = field(default_factory=list)

    @property
    def more(self) -> bool:
        return self.total > len(self.records)


def _postgresql() -> bool:
    return connection.vendor == "postgresql"


def matching(queryset: QuerySet[Any], kind: SearchKind, text: str) -> QuerySet[Any]:
    """The records of ``queryset`` that match ``text``, best first, each with ``search_total``."""
    words = text.split()[:MAX_WORDS]
    by_name = Q()
    for word in words:
        by_name &= reduce(or_, (Q(**{f"{name}__icontains": word}) for name in kind.names))
    found = by_name
    for identifier in kind.exact:
        found |= Q(**{f"{identifier}__iexact": text.strip()})
    ordering: list[Any] = list(kind.ordering)
    if _postgresql():
        from django.contrib.postgres.search import TrigramWordSimilarity

        whole_name: Any = F(kind.names[0])
        if len(kind.names) > 1:
            parts: list[Any] = []
            for name in kind.names:
                parts += [F(name), Value(" ")]
            whole_name = Concat(*parts[:-1])
        queryset = queryset.annotate(search_score=TrigramWordSimilarity(" ".join(words), whole_name))
        found |= Q(search_score__gte=SIMILARITY)
        ordering = [F("search_score").desc(), *ordering]
    return queryset.filter(found).annotate(search_total=Window(Count("pk"))).order_by(*ordering)


def search_for_user(*, user: User, text: str, per_kind: int = PER_KIND) -> list[KindResults]:
    """For each kind of record the user may open, the first ``per_kind`` matches and how many matched."""
    results = []
    for kind in kinds_for(user):
        records = list(matching(kind.scoped(user), kind, text)[:per_kind])
        total = records[0].search_total if records else 0
        results.append(KindResults(kind=kind, total=total, records=records))
    return results
