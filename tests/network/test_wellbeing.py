"""Load figures, heavy cases, the debrief prompt, pausing (which matching respects) and the time figures."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from klankbord.ambassadors.constants import AmbassadorStatus
from klankbord.ambassadors.models import TimeEntry
from klankbord.matching.constants import AssignmentStatus
from klankbord.matching.selectors import match_report
from klankbord.network.constants import DebriefStatus
from klankbord.network.figures import loads, median_hours_per_month, time_tables
from klankbord.network.models import CaseLoadFlag, DebriefRequest
from klankbord.signals.selectors import last_complete_month
from tests.factories.ambassadors import make_ambassador
from tests.factories.matching import assign
from tests.factories.reports import make_report


def _log(ambassador, minutes, day=None, activity="contact"):
    TimeEntry.objects.create(
        ambassador=ambassador, date=day or last_complete_month(), activity=activity, minutes=minutes
    )


def test_load_counts_open_cases_hours_of_last_month_and_heavy_cases(profile):
    assign(profile), assign(profile, status=AssignmentStatus.REQUESTED)
    ended = assign(profile, status=AssignmentStatus.ENDED)
    _log(profile, 90), _log(profile, 30, activity="travel")
    _log(profile, 600, day=timezone.localdate().replace(day=1))  # this month: not last month
    CaseLoadFlag.objects.create(assignment=ended, marked_by=profile.user)
    load = loads([profile])[0]
    assert (load.open_cases, load.capacity, load.minutes_last_month, load.hours_last_month) == (
        2,
        3,
        120,
        2.0,
    )
    assert load.heavy_cases == 1 and load.recent_heavy
    assert load.debrief_reason == "heavy_case"


def test_a_load_over_the_threshold_prompts_a_debrief_until_one_is_asked(profile, settings):
    settings.KLANKBORD_NETWORK_LOAD_RATIO = 0.6
    assign(profile)
    assert loads([profile])[0].debrief_reason is None  # 1 of 3
    assign(profile)
    assert loads([profile])[0].debrief_reason == "high_load"  # 2 of 3
    DebriefRequest.objects.create(ambassador=profile, reason="high_load")
    assert loads([profile])[0].debrief_reason is None


def test_hours_over_the_threshold_also_count_as_high_load(profile, settings):
    settings.KLANKBORD_NETWORK_HOURS_PER_MONTH = 3
    _log(profile, 200)
    assert loads([profile])[0].over_threshold


def test_the_ambassador_marks_a_heavy_case_and_asks_a_debrief_the_counsellor_sees(
    client_for, ambassador, profile, counsellor, django_capture_on_commit_callbacks
):
    from django.core import mail

    assignment = assign(profile)
    client = client_for(ambassador)
    assert client.post(f"/netwerk/welzijn/zwaar/{assignment.pk}/").status_code == 302
    assert CaseLoadFlag.objects.filter(assignment=assignment).exists()
    page = client.get("/netwerk/welzijn/")
    assert b'id="debrief-prompt"' in page.content
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/netwerk/welzijn/nagesprek/", {"reason": "heavy_case"})
    request = DebriefRequest.objects.get()
    assert request.reason == "heavy_case" and request.status == DebriefStatus.OPEN
    assert [m.to for m in mail.outbox] == [
        [counsellor.email]
    ] and assignment.report.reference not in mail.outbox[0].body
    listing = client_for(counsellor).get("/netwerk/nagesprekken/")
    assert profile.name in listing.content.decode()
    client_for(counsellor).post(f"/netwerk/nagesprekken/{request.pk}/", {"status": "closed"})
    request.refresh_from_db()
    assert request.status == DebriefStatus.CLOSED and request.handled_by == counsellor


def test_an_ambassador_cannot_mark_someone_elses_case(client_for, ambassador, profile):
    other = assign(make_ambassador("Utrecht"))
    assert client_for(ambassador).post(f"/netwerk/welzijn/zwaar/{other.pk}/").status_code == 404
    assert not CaseLoadFlag.objects.exists()


def test_a_paused_ambassador_is_never_suggested_by_matching(client_for, ambassador, profile):
    report = make_report("Utrecht")
    _context, result = match_report(report=report)
    assert profile.pk in [s.candidate.id for s in result.suggestions]
    assert client_for(ambassador).post("/netwerk/welzijn/pauze/", {"pause": "1"}).status_code == 302
    profile.refresh_from_db()
    assert profile.status == AmbassadorStatus.PAUSED
    _context, result = match_report(report=report)
    assert profile.pk not in [s.candidate.id for s in result.suggestions]
    assert profile.pk in [item.candidate.id for item in result.left_out]
    client_for(ambassador).post("/netwerk/welzijn/pauze/", {"pause": "0"})
    profile.refresh_from_db()
    assert profile.status == AmbassadorStatus.ACTIVE


def test_time_tables_suppress_cells_with_fewer_than_k_ambassadors(db, settings):
    settings.KLANKBORD_DISCLOSURE_K = 3
    for _n in range(3):
        _log(make_ambassador("Zeist"), 120)
    rows = {label: values for label, values, _total in time_tables()[0].rows}
    assert rows["Utrecht"][-1] == 6.0  # three ambassadors contributed: published
    _log(make_ambassador("Zwolle"), 600)
    region_table, activity_table = time_tables()
    rows = {label: values for label, values, _total in region_table.rows}
    totals = {label: total for label, _values, total in region_table.rows}
    assert "Overijssel" not in rows  # one ambassador: merged, never a row of its own
    merged = next(label for label in rows if label.startswith("Overige"))
    assert rows[merged][-1] is None
    # a single hidden cell in a column could be recomputed from the column total: never the case
    column = [values[-1] for values in rows.values()]
    assert column.count(None) >= 2
    assert totals[merged] is None and totals["Utrecht"] is None  # the row totals equal those cells here
    assert 10.0 not in [v for values in rows.values() for v in values] + list(totals.values())
    assert [label for label, *_rest in activity_table.rows][-1] == "Totaal"


def test_the_median_counts_months_without_time_as_zero_and_needs_k_ambassadors(db, settings):
    settings.KLANKBORD_DISCLOSURE_K = 2
    start = last_complete_month() - timedelta(days=400)
    a, b = make_ambassador("Zeist", started_on=start), make_ambassador("Zwolle", started_on=start)
    _log(a, 600), _log(b, 300)
    assert median_hours_per_month() == 0.0  # 12 ambassador-months, 10 of them zero
    settings.KLANKBORD_DISCLOSURE_K = 3
    assert median_hours_per_month() is None
