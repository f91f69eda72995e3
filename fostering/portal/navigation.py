"""The portal's menu. Each part of the portal adds its page here, for carers, applicants or both."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse

from .choices import AccessKind


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    kinds: frozenset[AccessKind]
    order: int


_items: dict[str, MenuItem] = {}


def register_menu_item(label: str, url_name: str, *kinds: AccessKind, order: int = 50) -> None:
    _items[url_name] = MenuItem(label, url_name, frozenset(kinds or AccessKind), order)


register_menu_item("Home", "portal:home", order=0)
register_menu_item("Your sign-in", "portal:sign_in", order=90)


def menu_for(kind: str, path: str) -> list[dict[str, object]]:
    items = []
    for item in sorted(_items.values(), key=lambda i: (i.order, i.label)):
        if kind not in item.kinds:
            continue
        url = reverse(item.url_name)
        home = item.url_name == "portal:home"
        active = path == url if home else path.startswith(url)
        items.append({"label": item.label, "url": url, "active": active, "current": path == url})
    return items


@dataclass(frozen=True)
class HomeSection:
    """A panel on the portal's home page: its template and what it shows, read for the signed-in access."""

    template: str
    kinds: frozenset[AccessKind]
    context: Callable[[Any, date], dict[str, Any]]
    order: int


_sections: dict[str, HomeSection] = {}


def register_home_section(
    template: str, context: Callable[[Any, date], dict[str, Any]], *kinds: AccessKind, order: int = 50
) -> None:
    _sections[template] = HomeSection(template, frozenset(kinds or AccessKind), context, order)


def home_sections(request: Any, access: Any, today: date) -> list[str]:
    """The home page's panels for this access, rendered."""
    chosen = sorted(
        (s for s in _sections.values() if access.kind in s.kinds), key=lambda s: (s.order, s.template)
    )
    return [
        render_to_string(s.template, {"access": access, **s.context(access, today)}, request=request)
        for s in chosen
    ]
