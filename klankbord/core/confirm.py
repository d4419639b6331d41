"""One confirmation step for weighty actions: a page that says what will happen, then the same POST again.

A view that performs an irreversible or weighty action (withdrawing a consent or a report, declining a request,
closing a case) calls :func:`is_confirmed` first. Without the ``confirmed`` field it answers with
:func:`confirm_page`, which repeats every posted field as a hidden input, so old forms and htmx requests end on
the confirmation page instead of performing the action. Fields asked only at this step (a reason) come from an
optional form, rendered by the one field template.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .submissions import FIELD_NAME as SUBMISSION_FIELD

CONFIRMED_FIELD = "confirmed"
CONFIRMED_VALUE = "1"
# The confirmation page's own form renders a new CSRF token and submission key; the first form's are not carried.
_NEVER_CARRIED = frozenset({"csrfmiddlewaretoken", SUBMISSION_FIELD, CONFIRMED_FIELD})


@dataclass(frozen=True)
class Confirmation:
    """What the confirmation page shows: the question, what will happen, and the two ways out."""

    title: str
    consequences: Sequence[str]
    button: str
    cancel_url: str
    form: Form | None = None
    notes: Sequence[str] = field(default_factory=tuple)


def is_confirmed(request: HttpRequest) -> bool:
    """Whether this POST comes from the confirmation page."""
    return request.POST.get(CONFIRMED_FIELD) == CONFIRMED_VALUE


def _carried(request: HttpRequest, form: Form | None) -> list[tuple[str, str]]:
    asked = set(form.fields) if form is not None else set()
    return [
        (name, value)
        for name in request.POST
        if name not in _NEVER_CARRIED and name not in asked
        for value in request.POST.getlist(name)
    ]


def confirm_page(request: HttpRequest, confirmation: Confirmation, status: int = 200) -> HttpResponse:
    """The page that asks to confirm; its form posts the same fields to the same address, now confirmed.
    ``status`` 400 when it is shown again because a field it asks for was not valid."""
    context = {
        "confirmation": confirmation,
        "action": request.path,
        "carried": _carried(request, confirmation.form),
        "confirmed_field": CONFIRMED_FIELD,
        "confirmed_value": CONFIRMED_VALUE,
    }
    return render(request, "core/confirm.html", context, status=status)
