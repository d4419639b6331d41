"""Readable labels for the namespaced audit action codes, registered by the app that writes them.

Every app keeps its labels in its own ``audit_labels.py`` (``register_labels({...})``), found by
``autodiscover`` when the audit app is ready, so the audit app imports nothing of ours. Two families of codes
are written generically and labelled by their suffix: ``<app>.<model>.viewed`` (``audit_read``) and
``<app>.<model>.listed``; their label names the model. ``tests/audit/test_action_labels.py`` fails on a code in
the code base without a label.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.apps import apps
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

Label = str | Promise

_LABELS: dict[str, Label] = {}
SUFFIX_LABELS: dict[str, Label] = {
    "viewed": _("Ingezien: %(model)s"),
    "listed": _("Lijst ingezien: %(model)s"),
}


def register_labels(labels: Mapping[str, Label]) -> None:
    """Add the labels of one app's codes; a code is registered once (a second, different label is a bug)."""
    for code, label in labels.items():
        if code.count(".") < 2:
            raise ValueError(f"audit action {code!r} must be namespaced like 'app.noun.verb'")
        existing = _LABELS.get(code)
        if existing is not None and str(existing) != str(label):
            raise ValueError(f"audit action {code!r} already has another label")
        _LABELS[code] = label


def _model_name(code: str) -> str:
    app_label, model_name = code.split(".")[:2]
    try:
        return str(apps.get_model(app_label, model_name)._meta.verbose_name)
    except LookupError:
        return f"{app_label}.{model_name}"


def action_label(code: str) -> str | None:
    """The Dutch (or active language's) label of ``code``, or None when nobody registered one."""
    if code in _LABELS:
        return str(_LABELS[code])
    suffix = code.rsplit(".", 1)[-1]
    if code.count(".") == 2 and suffix in SUFFIX_LABELS:
        return gettext(str(SUFFIX_LABELS[suffix])) % {"model": _model_name(code)}
    return None


def registered_codes() -> list[str]:
    return sorted(_LABELS)


def autodiscover() -> None:
    autodiscover_modules("audit_labels")
