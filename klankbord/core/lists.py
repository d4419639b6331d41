"""Lists that scale: one way to paginate, sort, search and filter every list page, with the state in the URL.

A list page declares a ``ListSpec`` (the sort keys it allows, each with its ``order_by`` fields; the GET
parameters it keeps, such as its tab or status filter). ``list_query(request, spec)`` reads ``?q=`` (search),
``?van=`` / ``?tot=`` (period), ``?sort=`` (a whitelisted key, ``-`` for descending) and ``?pagina=`` through
``ListFilterForm``; the app's selector applies the search and the period to its own rows (only it knows which
fields a code, region or status is in); ``paginate`` cuts one page (two queries: count and slice) and builds the
URLs of the other pages and of each sortable column, keeping every filter. Templates:
``core/includes/list_filter.html``, ``core/includes/sort_header.html`` and ``core/includes/pagination.html``
(a ``<nav>`` with its own name; the current page has ``aria-current="page"``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .forms import AccessibleForm

PER_PAGE = 25
MAX_Q = 100


@dataclass(frozen=True)
class Sort:
    key: str
    label: str | Promise
    fields: tuple[str, ...]


@dataclass(frozen=True)
class ListSpec:
    sorts: tuple[Sort, ...]
    default_sort: str  # a key, "-" in front for descending
    per_page: int = PER_PAGE
    keep: tuple[str, ...] = ()  # other GET parameters the list keeps in its URLs (its tab)
    filters: tuple[str, ...] = ()  # GET parameters of the list's own filter fields (kept too, not hidden)
    search_help: str | Promise = ""
    period: bool = True  # the list offers a period filter (van / tot)

    def sort_fields(self, sort: str) -> tuple[str, ...]:
        key = sort.removeprefix("-")
        chosen = next(s for s in self.sorts if s.key == key)
        if not sort.startswith("-"):
            return chosen.fields
        return tuple(f.removeprefix("-") if f.startswith("-") else f"-{f}" for f in chosen.fields)


class ListFilterForm(AccessibleForm):
    q = forms.CharField(label=_("Zoeken"), required=False, max_length=MAX_Q)
    van = forms.DateField(label=_("Van"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    tot = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


@dataclass(frozen=True)
class ListQuery:
    q: str
    since: date | None
    until: date | None
    sort: str
    order_by: tuple[str, ...]
    page: int
    kept: dict[str, str] = field(default_factory=dict)
    form: ListFilterForm | None = None


def list_query(request: HttpRequest, spec: ListSpec) -> ListQuery:
    """The list's state from the URL; anything unknown or malformed falls back to the default."""
    form = ListFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    keys = {s.key for s in spec.sorts}
    sort = request.GET.get("sort", spec.default_sort)
    if sort.removeprefix("-") not in keys:
        sort = spec.default_sort
    raw_page = request.GET.get("pagina", "1")
    page = int(raw_page) if raw_page.isdigit() and len(raw_page) < 7 else 1
    kept = {name: request.GET[name] for name in (*spec.keep, *spec.filters) if request.GET.get(name)}
    return ListQuery(
        q=(data.get("q") or "").strip(),
        since=data.get("van"),
        until=data.get("tot"),
        sort=sort,
        order_by=spec.sort_fields(sort),
        page=max(page, 1),
        kept=kept,
        form=form if form.is_bound else ListFilterForm(),
    )


@dataclass
class Listing:
    """One page of a list, with the URLs a template needs (pages, previous/next, sortable columns)."""

    page: Page
    query: ListQuery
    spec: ListSpec
    path: str
    rows: list[Any]

    def _url(self, **changes: str | int | None) -> str:
        params: dict[str, str] = dict(self.query.kept)
        if self.query.q:
            params["q"] = self.query.q
        if self.query.since:
            params["van"] = self.query.since.isoformat()
        if self.query.until:
            params["tot"] = self.query.until.isoformat()
        if self.query.sort != self.spec.default_sort:
            params["sort"] = self.query.sort
        for name, value in changes.items():
            if value is None:
                params.pop(name, None)
            else:
                params[name] = str(value)
        return f"{self.path}?{urlencode(params)}" if params else self.path

    @property
    def count(self) -> int:
        return self.page.paginator.count

    @property
    def pages(self) -> list[dict[str, Any]]:
        """Page links: the first, the last and two either side of the current one, with gaps between."""
        current, last = self.page.number, self.page.paginator.num_pages
        wanted = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
        items: list[dict[str, Any]] = []
        for number in wanted:
            if items and number - items[-1]["number"] > 1:
                items.append({"gap": True, "number": number - 1})
            items.append({"number": number, "url": self.page_url(number), "current": number == current})
        return items

    def page_url(self, number: int) -> str:
        return self._url(pagina=None if number == 1 else number)

    @property
    def previous_url(self) -> str:
        return self.page_url(self.page.previous_page_number()) if self.page.has_previous() else ""

    @property
    def next_url(self) -> str:
        return self.page_url(self.page.next_page_number()) if self.page.has_next() else ""

    @property
    def columns(self) -> dict[str, dict[str, Any]]:
        """Per sort key: the URL that sorts by it (the other way round when it is the current one)."""
        current = self.query.sort.removeprefix("-")
        descending = self.query.sort.startswith("-")
        columns = {}
        for sort in self.spec.sorts:
            is_current = sort.key == current
            target = f"{'' if descending else '-'}{sort.key}" if is_current else sort.key
            columns[sort.key] = {
                "label": sort.label,
                "url": self._url(sort=target, pagina=None),
                "current": is_current,
                "descending": is_current and descending,
            }
        return columns

    @property
    def hidden(self) -> dict[str, str]:
        """The kept parameters the filter form carries as hidden fields (its own fields it shows itself)."""
        return {name: value for name, value in self.query.kept.items() if name not in self.spec.filters}

    @property
    def filtered(self) -> bool:
        return bool(self.query.q or self.query.since or self.query.until) or any(
            name in self.query.kept for name in self.spec.filters
        )

    @property
    def reset_url(self) -> str:
        params = self.hidden
        return f"{self.path}?{urlencode(params)}" if params else self.path


def paginate(
    request: HttpRequest, rows: QuerySet[Any] | Sequence[Any], spec: ListSpec, query: ListQuery
) -> Listing:
    """One page of ``rows`` (already searched, filtered and ordered by the app's selector)."""
    paginator = Paginator(rows, spec.per_page)
    page = paginator.get_page(query.page)
    return Listing(page=page, query=query, spec=spec, path=request.path, rows=list(page.object_list))
