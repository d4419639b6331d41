"""Helpers shared by the profile pages of the ambassador and of the coordinator."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.forms import Form
from django.utils import timezone

from klankbord.geo.selectors import active_scheme, municipality_or_none, region_names
from klankbord.matching.selectors import open_case_counts

from ..constants import Language
from ..forms import ConflictForm, LeaveForm
from ..selectors import conflicts, leave_periods, served_region_ids
from ..services import conflict_add, leave_add

if TYPE_CHECKING:
    from ..models import Ambassador


def add_errors(form: Form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


def profile_context(ambassador: Ambassador, **forms: Form | None) -> dict[str, Any]:
    """What both profile pages show: facts, regions served, leave and conflicts, plus the sub-forms."""
    scheme = active_scheme()
    served = served_region_ids([ambassador], scheme)[ambassador.pk]
    return {
        "ambassador": ambassador,
        "regions": region_names(pks=served),
        "open_cases": open_case_counts([ambassador.pk])[ambassador.pk],
        "language_labels": [
            Language(code).label for code in ambassador.languages or [] if code in Language.values
        ],
        "leave_periods": list(leave_periods(ambassador=ambassador, today=timezone.localdate())),
        "conflicts": list(conflicts(ambassador=ambassador)),
        "leave_form": forms.get("leave_form") or LeaveForm(prefix="leave"),
        "conflict_form": forms.get("conflict_form") or ConflictForm(prefix="conflict"),
    }


def try_leave_add(request: Any, ambassador: Ambassador) -> LeaveForm | None:
    """Parse and add a leave period; returns the bound form when it has errors, else None."""
    form = LeaveForm(request.POST, prefix="leave")
    if form.is_valid():
        try:
            leave_add(actor=request.user, ambassador=ambassador, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            return None
    return form


def try_conflict_add(request: Any, ambassador: Ambassador) -> ConflictForm | None:
    form = ConflictForm(request.POST, prefix="conflict")
    if form.is_valid():
        data = form.cleaned_data
        municipality = municipality_or_none(pk=data.get("municipality"))
        try:
            conflict_add(
                actor=request.user,
                ambassador=ambassador,
                kind=data["kind"],
                municipality=municipality,
                name=data.get("name") or "",
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            return None
    return form
