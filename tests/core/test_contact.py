"""Issue 11, item 15: the association's contact details are configuration, shown in the footer, on the receipt
and on the return page, and in every mail."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client

from klankbord.core.mail import mail_render
from klankbord.reports.receipts import receipt_flash

PHONE, EMAIL = "030 123 45 67", "vp@raadsleden.example"


@pytest.fixture(autouse=True)
def _contact(settings: Any) -> None:
    settings.KLANKBORD_CONTACT_PHONE = PHONE
    settings.KLANKBORD_CONTACT_EMAIL = EMAIL


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/melden/terugkomen/"])
def test_every_page_footer_and_the_return_page_give_the_number_and_address(client: Client, url: str) -> None:
    html = client.get(url).content.decode()
    assert f'href="tel:0301234567">{PHONE}</a>' in html
    assert f'href="mailto:{EMAIL}">{EMAIL}</a>' in html


@pytest.mark.django_db
def test_the_receipt_gives_the_number_and_address(submit_report: Any, client: Client) -> None:
    submitted = submit_report()
    session = client.session
    receipt_flash(SimpleNamespace(session=session), report=submitted.report, code=submitted.receipt_code)
    session.save()
    html = client.get("/melden/ontvangen/").content.decode()
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    assert submitted.report.pk and PHONE in main and EMAIL in main


@pytest.mark.parametrize(("language", "words"), [("nl", "De vertrouwenspersoon"), ("en", "confidential")])
@pytest.mark.parametrize("template", ["new_message", "new_report", "generic_notice"])
def test_every_mail_gives_the_number_and_address(template: str, language: str, words: str) -> None:
    _subject, body = mail_render(template=template, context={"path": "/x/"}, language=language)
    line = next(line for line in body.splitlines() if PHONE in line)
    assert EMAIL in line and words in line


def test_nothing_configured_means_no_contact_line(settings: Any) -> None:
    settings.KLANKBORD_CONTACT_PHONE = settings.KLANKBORD_CONTACT_EMAIL = ""
    _subject, body = mail_render(template="generic_notice")
    assert "vertrouwenspersoon bereikt" not in body and body.rstrip().endswith("Bel 112.")
