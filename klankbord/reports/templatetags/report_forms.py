"""Accessible form rendering: widgets tied to their help text and errors (aria-describedby, aria-invalid)."""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.safestring import SafeString

register = template.Library()


def _described_by(field: BoundField) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-help")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.simple_tag
def kb_widget(field: BoundField, **extra: Any) -> SafeString:
    """Render the widget with aria attributes; extra keyword arguments become HTML attributes."""
    attrs: dict[str, Any] = {key.replace("_", "-"): value for key, value in extra.items()}
    described = _described_by(field)
    if described and not is_group(field):
        attrs["aria-describedby"] = described
    if field.errors and not is_group(field):
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def described_by(field: BoundField) -> str:
    return _described_by(field)


@register.filter
def is_group(field: BoundField) -> bool:
    """Radio buttons and checkbox lists are rendered as a fieldset with a legend."""
    return isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


@register.filter
def is_checkbox(field: BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def first_input_id(field: BoundField) -> str:
    """Where an error-summary link should jump to: the first option of a group, else the field."""
    return f"{field.auto_id}_0" if is_group(field) else str(field.auto_id)


@register.filter
def filesize(value: int) -> str:
    if value >= 1024 * 1024:
        return f"{value / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{max(1, round(value / 1024))} kB"
