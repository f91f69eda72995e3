"""``{% may_search request.user as show %}``: whether the header shows the search box to this user."""

from __future__ import annotations

from typing import Any

from django import template

from .. import registry

register = template.Library()


@register.simple_tag
def may_search(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and registry.may_search(user)
