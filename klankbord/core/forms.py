"""The one form-rendering path: an accessible form base and the renderer every form uses.

``FORM_RENDERER`` points at :class:`AccessibleFormRenderer`, so ``{{ form.<name>.as_field_group }}`` and
``{{ form }}`` render every field through ``core/forms/field.html``; ``core/forms/error_summary.html`` is the
summary at the top of a form. Forms subclass :class:`AccessibleForm` or :class:`AccessibleModelForm`.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting

FIELD_TEMPLATE = "core/forms/field.html"
ERROR_SUMMARY_TEMPLATE = "core/forms/error_summary.html"


class AccessibleBoundField(BoundField):
    """A bound field that knows how the field template and the error summary present it."""

    @property
    def is_group(self) -> bool:
        """Radio buttons and checkbox lists are rendered as a fieldset with a legend, one label per option."""
        return isinstance(self.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)

    @property
    def is_checkbox(self) -> bool:
        """A single checkbox carries its label after the input."""
        return isinstance(self.field.widget, forms.CheckboxInput)

    @property
    def summary_target(self) -> str:
        """The id an error-summary link jumps to: the first option of a group, else the input itself."""
        return f"{self.auto_id}_0" if self.is_group else self.id_for_label


class AccessibleFormRenderer(TemplatesSetting):
    """Renders with the project's templates (so app and project templates can be found) and one field template."""

    form_template_name = "core/forms/form.html"
    field_template_name = FIELD_TEMPLATE
    bound_field_class = AccessibleBoundField


def _describe(form: forms.BaseForm, name: str, element_id: str) -> None:
    """Add ``element_id`` to the widget's aria-describedby, once; on the widget, so every option of a group has it."""
    attrs = form.fields[name].widget.attrs
    ids = attrs.get("aria-describedby", "").split()
    if element_id not in ids:
        attrs["aria-describedby"] = " ".join([*ids, element_id])


def _auto_id(form: forms.BaseForm, name: str) -> str:
    # Not ``form[name]``: that caches the bound field, label and all, before a subclass's __init__ is done.
    return str(form.fields[name].get_bound_field(form, name).auto_id)


def _describe_help_texts(form: forms.BaseForm) -> None:
    for name, field in form.fields.items():
        if field.help_text:
            _describe(form, name, f"{_auto_id(form, name)}_helptext")


def _mark_errors(form: forms.BaseForm) -> None:
    for name in list(form.errors):
        if name in form.fields:
            _describe(form, name, f"{_auto_id(form, name)}_error")
            form.fields[name].widget.attrs["aria-invalid"] = "true"


class AccessibleForm(forms.Form):
    """The base of every form: help texts and errors tied to their inputs for screen readers.

    Inputs are described by (aria-describedby) their help text and errors and marked invalid (aria-invalid); the
    ids match what the field template renders: ``<auto_id>_helptext`` and ``<auto_id>_error``.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _describe_help_texts(self)

    def choice_field(self, name: str) -> forms.ChoiceField:
        return cast(forms.ChoiceField, self.fields[name])

    def add_error(self, field: str | None, error: Any) -> None:
        """Every way an error arrives (field clean, ``clean()``, a view) marks its input at once."""
        super().add_error(field, error)
        _mark_errors(self)


class AccessibleModelForm(forms.ModelForm):
    """:class:`AccessibleForm` for a model: the same help-text and error ties on a ``ModelForm``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _describe_help_texts(self)

    def add_error(self, field: str | None, error: Any) -> None:
        """Every way an error arrives (field clean, ``clean()``, a view) marks its input at once."""
        super().add_error(field, error)
        _mark_errors(self)
