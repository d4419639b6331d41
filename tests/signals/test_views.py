"""Signal pages per persona, the two-step filing flow, and that the coordinator only ever sees aggregates."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from klankbord.audit.models import AuditEntry
from klankbord.signals.models import Signal
from klankbord.signals.selectors import last_complete_month, window_end

FILER_URLS = ["signals:create"]
INSIGHT_URLS = [
    ("signals:dashboard", {}),
    ("signals:warnings", {}),
    ("signals:export_csv", {"dimension": "region"}),
    ("signals:export_json", {"dimension": "region"}),
    ("signals:export_pdf", {}),
]
RAW = "Wethouder Jan de Vries van Leefbaar Zeist woont op de Kastanjelaan 4 in Zeist, bel 06-12345678."


def _form(region, **extra):
    data = {
        "region": region.pk,
        "month": f"{last_complete_month():%Y-%m}",
        "category": "threat",
        "channel": "online",
        "perpetrator_type": "resident",
        "themes": ["asylum"],
        "severity": "high",
        "helped": ["listening"],
        "missing": ["police"],
        "feedback_text": "",
        "text": RAW,
    }
    data.update(extra)
    return data


@pytest.mark.parametrize("persona", ["ambassador", "counsellor"])
def test_ambassadors_and_counsellors_may_file_a_signal(request, client_for, persona) -> None:
    response = client_for(request.getfixturevalue(persona)).get(reverse("signals:create"))
    assert response.status_code == 200
    assert "nooit de gemeente" in response.content.decode()


@pytest.mark.parametrize("persona", ["coordinator", "selection_member", "administrator"])
def test_other_roles_may_not_file_a_signal(request, client_for, persona) -> None:
    assert client_for(request.getfixturevalue(persona)).get(reverse("signals:create")).status_code == 403


def test_filing_needs_a_login_and_mfa(client_for, make_user) -> None:
    from klankbord.accounts.constants import RoleSlug

    assert client_for(None).get(reverse("signals:create")).status_code == 302
    response = client_for(make_user(RoleSlug.AMBASSADOR, mfa=False)).get(reverse("signals:create"))
    assert response.status_code == 302 and "2fa" in response["Location"]


@pytest.mark.parametrize(("name", "kwargs"), INSIGHT_URLS)
def test_the_coordinator_sees_the_insight_pages(client_for, coordinator, name, kwargs, regions) -> None:
    assert client_for(coordinator).get(reverse(name, kwargs=kwargs)).status_code == 200


@pytest.mark.parametrize(("name", "kwargs"), INSIGHT_URLS)
@pytest.mark.parametrize("persona", ["ambassador", "counsellor", "council_member", "outsider"])
def test_nobody_else_sees_the_insight_pages(request, client_for, name, kwargs, persona) -> None:
    response = client_for(request.getfixturevalue(persona)).get(reverse(name, kwargs=kwargs))
    assert response.status_code in (302, 403)


def test_the_confirm_step_shows_only_the_deidentified_text(
    client_for, ambassador, regions, deduce_loaded
) -> None:
    response = client_for(ambassador).post(reverse("signals:create"), _form(regions[0]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Jan de Vries" not in page and "Kastanjelaan" not in page and "06-12345678" not in page
    assert "[PERSOON]" in page and "[PARTIJ]" in page and "[TELEFOON]" in page
    assert not Signal.objects.exists()  # nothing is stored before the author confirms


def test_confirming_stores_the_deidentified_text_and_never_the_raw_one(
    client_for, ambassador, regions, deduce_loaded
) -> None:
    client = client_for(ambassador)
    preview = client.post(reverse("signals:create"), _form(regions[0]))
    shown = preview.context["form"]["text"].value()
    response = client.post(reverse("signals:confirm"), _form(regions[0], text=shown))
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert signal.text == shown and "Vries" not in signal.text and signal.region == regions[0]
    assert signal.month == last_complete_month() and signal.themes == ["asylum"]
    entry = AuditEntry.objects.get(action="signals.signal.filed")
    assert "Vries" not in str(entry.data)


def test_a_raw_text_posted_to_the_confirm_step_is_not_stored(
    client_for, ambassador, regions, deduce_loaded
) -> None:
    response = client_for(ambassador).post(reverse("signals:confirm"), _form(regions[0]))
    assert response.status_code == 400
    assert not Signal.objects.exists()
    page = response.content.decode()
    assert "Kastanjelaan" not in page and "[ADRES]" in page


def test_the_htmx_preview_returns_the_deidentified_text(client_for, counsellor, deduce_loaded) -> None:
    response = client_for(counsellor).post(reverse("signals:preview"), {"text": RAW, "feedback_text": ""})
    page = response.content.decode()
    assert response.status_code == 200 and "[GEMEENTE]" in page and "Zeist" not in page


def test_the_preview_is_gated_too(client_for, coordinator) -> None:
    assert client_for(coordinator).post(reverse("signals:preview"), {"text": RAW}).status_code == 403


def test_bad_input_keeps_what_was_typed_and_explains_in_dutch(client_for, ambassador, regions) -> None:
    response = client_for(ambassador).post(
        reverse("signals:create"), _form(regions[0], category="", month="1999-01")
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Kies de soort voorval." in page and "Kies een maand." in page
    assert "error-summary" in page and 'aria-invalid="true"' in page


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def test_no_signal_url_takes_the_id_of_a_single_signal() -> None:
    routes = [route for route, _p in _walk(get_resolver().url_patterns) if route.startswith("signalen/")]
    assert routes
    assert not any("<int:" in route or "pk" in route or "<uuid" in route for route in routes)


def test_the_coordinator_reaches_no_signal_text_and_no_case(
    client_for, coordinator, make_signals, regions
) -> None:
    marker = "Zeldzaamwoord"
    month = window_end("quarter")
    for region in regions:
        make_signals(6, month=month, region=region, text=f"[PERSOON] zei {marker}", feedback_text=marker)
    client = client_for(coordinator)
    pages = [reverse(name, kwargs=kwargs) for name, kwargs in INSIGHT_URLS]
    pages += [
        reverse("signals:export_csv", kwargs={"dimension": d}) for d in ("category", "theme", "severity")
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200
        body = response.content if url.endswith(".pdf") else response.content.decode()
        assert (marker.encode() if isinstance(body, bytes) else marker) not in body
    assert not coordinator.has_perm("signals.review_signal_text")
    assert not coordinator.has_perm("reports.view_report")


def test_the_dashboard_query_count_stays_flat_as_signals_grow(
    client_for, coordinator, make_signals, regions, django_assert_max_num_queries
) -> None:
    client = client_for(coordinator)
    month = window_end("quarter")
    make_signals(5, month=month, region=regions[0])
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("signals:dashboard"))
    for region in regions:
        make_signals(30, month=month, region=region, category="verbal_aggression")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("signals:dashboard"))
    assert response.status_code == 200


def test_the_dashboard_hides_small_counts_and_shows_charts_with_tables(
    client_for, coordinator, make_signals, regions
) -> None:
    month = window_end("quarter")
    make_signals(3, month=month, region=regions[0])
    make_signals(12, month=month, region=regions[1])
    make_signals(9, month=month, region=regions[2])
    page = client_for(coordinator).get(reverse("signals:dashboard")).content.decode()
    assert page.count("<svg") >= 5 and 'role="img"' in page
    assert "<caption>" in page and 'scope="row"' in page
    assert "&lt;5" in page


def test_csv_export_marks_suppressed_cells(client_for, coordinator, make_signals, regions) -> None:
    make_signals(2, month=window_end("quarter"), region=regions[0])
    make_signals(20, month=window_end("quarter"), region=regions[1])
    response = client_for(coordinator).get(reverse("signals:export_csv", kwargs={"dimension": "region"}))
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert text.startswith("\ufeff") and "<5" in text and ";2;" not in text and "<k" not in text


def test_an_unknown_export_dimension_is_not_found(client_for, coordinator) -> None:
    response = client_for(coordinator).get(reverse("signals:export_csv", kwargs={"dimension": "gemeente"}))
    assert response.status_code == 404


def test_the_pdf_report_is_a_pdf(client_for, coordinator, make_signals, regions) -> None:
    make_signals(20, month=window_end("quarter"), region=regions[1])
    response = client_for(coordinator).get(reverse("signals:export_pdf"))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")


def test_the_pdf_renderer_refuses_every_address_that_is_not_inline() -> None:
    from klankbord.core.pdf import RefusedURLError, refuse_non_local

    for url in ("https://example.org/logo.png", "file:///etc/passwd", "http://127.0.0.1/x.css"):
        with pytest.raises(RefusedURLError):
            refuse_non_local(url)


def test_months_in_the_future_are_refused(client_for, ambassador, regions) -> None:
    future = date(last_complete_month().year + 3, 1, 1)
    response = client_for(ambassador).post(
        reverse("signals:create"), _form(regions[0], month=f"{future:%Y-%m}")
    )
    assert response.status_code == 400
