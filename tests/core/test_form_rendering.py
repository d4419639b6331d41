"""One form-rendering path: every form on the accessible base, one field template, one error summary."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from html.parser import HTMLParser
from pathlib import Path

from django import forms
from django.conf import settings
from django.forms.renderers import get_default_renderer
from django.template.loader import get_template, render_to_string

import klankbord
from klankbord.core.forms import (
    ERROR_SUMMARY_TEMPLATE,
    FIELD_TEMPLATE,
    AccessibleForm,
    AccessibleFormRenderer,
    AccessibleModelForm,
)

PACKAGE = Path(klankbord.__file__).parent
# Entry points run on import; admin forms render through Django admin's own templates, not ours.
NOT_WALKED = (".__main__", ".wsgi", ".admin")
ACCESSIBLE_BASES = (AccessibleForm, AccessibleModelForm)


def _modules() -> list[str]:
    names = []
    for module in pkgutil.walk_packages(klankbord.__path__, "klankbord."):
        if ".migrations" in module.name or module.name.endswith(NOT_WALKED):
            continue
        names.append(module.name)
    return names


def _form_classes() -> list[type[forms.BaseForm]]:
    found = []
    for name in _modules():
        module = importlib.import_module(name)
        for value in vars(module).values():
            if inspect.isclass(value) and value.__module__ == name and issubclass(value, forms.BaseForm):
                found.append(value)
    return found


def test_every_form_class_in_klankbord_is_on_the_accessible_base() -> None:
    classes = _form_classes()
    outside = [f"{c.__module__}.{c.__qualname__}" for c in classes if not issubclass(c, ACCESSIBLE_BASES)]
    assert len(classes) > 50  # the walk found the apps' forms
    assert outside == []


def _templates_named(*names: str) -> list[str]:
    return sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.html")
        if "templates" in path.parts and path.name.endswith(names)
    )


def test_the_tree_holds_one_field_template_and_one_error_summary() -> None:
    assert _templates_named("field.html") == [f"core/templates/{FIELD_TEMPLATE}"]
    assert _templates_named("error_summary.html") == [f"core/templates/{ERROR_SUMMARY_TEMPLATE}"]
    assert _templates_named("_field.html", "_error_summary.html", "form_fields.html") == []
    assert list(PACKAGE.rglob("report_forms.py")) == []


def test_the_project_renderer_renders_every_field_through_the_field_template() -> None:
    assert settings.FORM_RENDERER == "klankbord.core.forms.AccessibleFormRenderer"
    renderer = get_default_renderer()
    assert isinstance(renderer, AccessibleFormRenderer)
    assert renderer.field_template_name == FIELD_TEMPLATE
    get_template(FIELD_TEMPLATE)


class _Elements(HTMLParser):
    """Every element's attributes by id, every link target, and the text of each element with an id."""

    def __init__(self) -> None:
        super().__init__()
        self.by_id: dict[str, dict[str, str]] = {}
        self.text: dict[str, str] = {}
        self.links: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if "id" in values:
            self.by_id[values["id"]] = values
            self.text[values["id"]] = ""
            self._open.append(values["id"])
        if tag == "a" and "href" in values:
            self.links.append(values["href"])

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag in {"ul", "div", "fieldset"}:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for element_id in self._open:
            self.text[element_id] += data


def _parse(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    return parser


class _ExampleForm(AccessibleForm):
    name = forms.CharField(label="Naam", help_text="Zoals op uw paspoort.")
    kind = forms.ChoiceField(label="Soort", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)


def test_a_field_with_an_error_is_invalid_and_described_by_its_help_and_its_error() -> None:
    form = _ExampleForm(data={})
    assert not form.is_valid()
    page = _parse(form["name"].as_field_group())

    field = page.by_id["id_name"]
    assert field["aria-invalid"] == "true"
    assert field["aria-describedby"].split() == ["id_name_helptext", "id_name_error"]
    assert "Dit veld is verplicht." in page.text["id_name_error"]
    assert "Zoals op uw paspoort." in page.text["id_name_helptext"]


def test_every_option_of_a_group_with_an_error_is_invalid_and_described_by_the_error() -> None:
    form = _ExampleForm(data={"name": "Anna"})
    assert not form.is_valid()
    page = _parse(form["kind"].as_field_group())

    for option in ("id_kind_0", "id_kind_1"):
        assert page.by_id[option]["aria-invalid"] == "true"
        assert page.by_id[option]["aria-describedby"] == "id_kind_error"
    assert "Dit veld is verplicht." in page.text["id_kind_error"]


def test_the_error_summary_links_each_error_to_its_input() -> None:
    form = _ExampleForm(data={})
    assert not form.is_valid()
    summary = render_to_string(ERROR_SUMMARY_TEMPLATE, {"form": form})

    assert 'role="alert"' in summary and "data-focus-on-load" in summary
    assert _parse(summary).links == ["#id_name", "#id_kind_0"]


def test_a_valid_form_renders_no_error_summary_and_no_invalid_marks() -> None:
    form = _ExampleForm(data={"name": "Anna", "kind": "a"})
    assert form.is_valid()

    assert render_to_string(ERROR_SUMMARY_TEMPLATE, {"form": form}).strip() == ""
    assert "aria-invalid" not in str(form)
