from __future__ import annotations

from django import forms

from fostering.core.forms import ServiceForm
from fostering.core.versions import VersionedForm


def year_choices(latest: int, first: int) -> list[tuple[int, str]]:
    return [
        (year, f"{year} (1 April {year - 1} to 31 March {year})") for year in range(latest, first - 1, -1)
    ]


class YearForm(ServiceForm):
    submit_label = "Show this year"

    def __init__(
        self, *args: object, years: list[tuple[int, str]], submit_label: str = "", **kwargs: object
    ) -> None:
        if submit_label:
            self.submit_label = submit_label
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["year"] = forms.TypedChoiceField(
            choices=years, coerce=int, label="Collection year", help_text="As the DfE names it"
        )


class AuthorityForm(VersionedForm, ServiceForm):
    submit_label = "Save the code"
    local_authority_code = forms.CharField(
        label="Local authority code (ONS)",
        max_length=9,
        help_text="The upper-tier local authority the DfE rules know the council by, for example E10000018",
    )
