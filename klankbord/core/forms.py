"""The form base every app uses: help texts and errors tied to their inputs for screen readers."""

from __future__ import annotations

from typing import Any, cast

from django import forms


class AccessibleForm(forms.Form):
    """Ties help texts and errors to their inputs (aria-describedby) and marks invalid inputs (aria-invalid).

    The ids match what the field templates render: ``<auto_id>_helptext`` and ``<auto_id>_error``.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for bound in self:
            if bound.help_text:
                self._describe(bound.name, f"{bound.auto_id}_helptext")

    def _describe(self, name: str, element_id: str) -> None:
        attrs = self.fields[name].widget.attrs
        ids = attrs.get("aria-describedby", "").split()
        if element_id not in ids:
            attrs["aria-describedby"] = " ".join([*ids, element_id])

    def choice_field(self, name: str) -> forms.ChoiceField:
        return cast(forms.ChoiceField, self.fields[name])

    def full_clean(self) -> None:
        super().full_clean()
        for name in list(self.errors):
            if name in self.fields:
                self._describe(name, f"{self[name].auto_id}_error")
                self.fields[name].widget.attrs["aria-invalid"] = "true"
