"""The pre-read pack of a return day: the period's disclosure-controlled signal tables and the submitted
experiences (de-identified, without authors), rendered to PDF by WeasyPrint offline (signals' URL fetcher
refuses everything that is not inline)."""

from __future__ import annotations

from datetime import date

from django.template.loader import render_to_string
from django.utils import timezone

from klankbord.core.pdf import render_pdf

from .models import Gathering
from .selectors import experiences_for_pack


def pack_context(gathering: Gathering) -> dict[str, object]:
    """Exactly the tables the signals dashboard publishes (same window, same granularity, same suppression):
    a second, differently protected version of the same counts could be subtracted from the first.
    Signals is imported here, not at module level, so the network pages load even while it cannot."""
    from klankbord.signals.disclosure import threshold
    from klankbord.signals.insight import WINDOW_MONTHS, trends
    from klankbord.signals.selectors import published_granularity, window_end

    granularity = published_granularity()
    until: date = window_end(granularity)  # the last month the tables show (a quarter's end when quarterly)
    return {
        "gathering": gathering,
        "trends": trends(months=WINDOW_MONTHS),
        "experiences": experiences_for_pack(gathering=gathering),
        "k": threshold(),
        "months": WINDOW_MONTHS,
        "until": until,
        "granularity": granularity,
        "generated": timezone.localtime(),
    }


def pack_pdf(gathering: Gathering) -> bytes:
    """The pack as PDF bytes."""
    return render_pdf(render_to_string("network/pack_pdf.html", pack_context(gathering)))
