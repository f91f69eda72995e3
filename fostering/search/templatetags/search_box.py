"""``{% may_search request.user as show %}``: whether the header shows the search box to this user."""

from __future__ import annotations

from typing import Any

from django import template

from fostering.accounts.permissions import roles_of
from fostering.accounts.roles import STAFF_ROLES

from ..registry import kinds_for

register = template.Library()


@register.simple_tag
def may_search(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(roles_of(user) & STAFF_ROLES) and bool(kinds_for(user))
