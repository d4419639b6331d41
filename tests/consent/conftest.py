from tests.reports.conftest import municipality, portal_for, report, submit_report  # noqa: F401
