"""The people list's filter: a name search, applied by ``selectors.person_list_for_user``."""

from __future__ import annotations

from typing import ClassVar

from fostering.core.lists import NameSearchFilter, SelectorFilterSet

from .models import Person
from .selectors import person_list_for_user


class PersonFilter(SelectorFilterSet):
    selector = staticmethod(person_list_for_user)
    selector_names: ClassVar[dict[str, str]] = {"q": "search"}

    q = NameSearchFilter(label="Search by name")

    class Meta:
        model = Person
        fields: list[str] = []
