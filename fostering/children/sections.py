"""What the parts built on the child record add to the child's page, without the child record importing them.

A part that keeps more about a child in care (reviews, health, missing episodes, visits, leaving care)
registers, at start-up (its AppConfig.ready):

- a link to its page about the child, shown to users holding one of its permissions in the child's council
  (``register_child_link``);
- the clocks it runs for a child, shown with the review clock on the child's page
  (``register_child_deadlines``: a function of the child and today giving its open deadlines).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.urls import reverse

from fostering.accounts.permissions import Perm, has_perm

if TYPE_CHECKING:
    from fostering.accounts.models import User
    from fostering.deadlines.items import Deadline

    from .models import Child


@dataclass(frozen=True)
class ChildLink:
    label: str
    url_name: str
    perms: frozenset[Perm]
    order: int


DeadlineSource = Callable[["Child", date], Iterable["Deadline"]]

_LINKS: dict[str, ChildLink] = {}
_DEADLINES: dict[str, DeadlineSource] = {}


def register_child_link(label: str, url_name: str, *perms: Perm, order: int = 100) -> None:
    """A link from the child's page to ``url_name`` (which takes the child's id), for holders of ``perms``."""
    _LINKS[url_name] = ChildLink(label, url_name, frozenset(perms), order)


def register_child_deadlines(name: str, source: DeadlineSource) -> None:
    _DEADLINES[name] = source


def child_links(user: User, child: Child) -> list[dict[str, str]]:
    """The registered links the user may follow for this child, in order."""
    return [
        {"label": link.label, "url": reverse(link.url_name, args=[child.pk])}
        for link in sorted(_LINKS.values(), key=lambda link: (link.order, link.label))
        if any(has_perm(user, perm, child.organisation_id) for perm in link.perms)
    ]


def registered_child_deadlines(child: Child, today: date) -> list[Deadline]:
    return [deadline for name in sorted(_DEADLINES) for deadline in _DEADLINES[name](child, today)]
