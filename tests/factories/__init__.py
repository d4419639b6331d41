"""Shared test data and test helpers: the only module that test modules may import from one another.

One module per app (``tests.factories.accounts``, ``tests.factories.reports``, ...) plus ``files`` (uploads built
in memory) and ``browser`` (Playwright helpers). ``tests/test_test_rules.py`` enforces that no test module imports
another test module; a helper that two test modules need belongs here.

How factories write (one rule for all of them): a factory class builds the *state a test starts from* directly
as model rows, with ``factory.django.DjangoModelFactory``. It writes no audit rows of its own and can build
states that no single service call reaches (a report already in matching, leave that started last week), so a
test's assertions on the audit trail only see what the code under test did. Where a test needs the effect of a
user's action that the app performs through a service (submitting a report or an application, granting consent
through the ledger, creating an API token), the helper or fixture calls that service, because the records the
service writes (receipt code, encrypted file, audit row, hashed secret) are part of what those tests check.
"""
