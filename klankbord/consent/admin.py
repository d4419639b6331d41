"""Deliberately empty: consent rows belong to reports and must be read through the access selectors
(audited, 404 for outsiders), never through the Django admin. See docs/adr/0010-reports-consent-messaging.md."""
