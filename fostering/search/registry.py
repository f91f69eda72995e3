"""The kinds of record the header search looks in, each registered with the selector that scopes it.

A kind brings its own user-scoped queryset (the same selector its list page uses), the fields a name is
matched on and the identifiers matched whole; the search adds only the match, the ordering and the limit.
A new kind of record joins by calling ``register`` (see ``kinds.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, organisations_with, roles_of
from fostering.accounts.roles import STAFF_ROLES


@dataclass(frozen=True)
class SearchKind:
    key: str
    label: str
    perms: frozenset[Perm]
    scoped: Callable[[User], QuerySet[Any]]
    names: tuple[str, ...]
    title: Callable[[Any], str]
    detail_url: Callable[[Any], str]
    hint: Callable[[Any], str]
    list_url: str
    exact: tuple[str, ...] = ()
    ordering: tuple[str, ...] = ("id",)
    shows_children: bool = False

    def open_to(self, user: User) -> bool:
        """Whether the user's roles reach any record of this kind (if not, no query is made)."""
        return bool(organisations_with(user, *self.perms))


_KINDS: dict[str, SearchKind] = {}


def register(kind: SearchKind) -> SearchKind:
    if kind.key in _KINDS:
        raise ValueError(f"a search kind {kind.key!r} is already registered")
    _KINDS[kind.key] = kind
    return kind


def kinds() -> list[SearchKind]:
    return list(_KINDS.values())


def kinds_for(user: User) -> list[SearchKind]:
    return [kind for kind in _KINDS.values() if kind.open_to(user)]


def may_search(user: User) -> bool:
    """Staff whose roles open at least one kind of record searched (not carers, not the public)."""
    return bool(roles_of(user) & STAFF_ROLES) and bool(kinds_for(user))
