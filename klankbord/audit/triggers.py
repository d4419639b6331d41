"""Database triggers that make the audit table append-only (UPDATE, DELETE and TRUNCATE raise an error).

Only ``klankbord flush`` (which wipes the whole database, used by test teardown) lifts them, and puts them back.
The triggers guard against application bugs and casual edits; tamper evidence comes from the HMAC chain.
"""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

CREATE = {
    "sqlite": [
        """CREATE TRIGGER IF NOT EXISTS audit_entry_no_update BEFORE UPDATE ON audit_auditentry
           BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;""",
        """CREATE TRIGGER IF NOT EXISTS audit_entry_no_delete BEFORE DELETE ON audit_auditentry
           BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;""",
    ],
    "postgresql": [
        """CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
           BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$ LANGUAGE plpgsql;""",
        "DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_auditentry;",
        """CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_auditentry
           FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();""",
        "DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_auditentry;",
        """CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_auditentry
           FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();""",
    ],
}
DROP = {
    "sqlite": [
        "DROP TRIGGER IF EXISTS audit_entry_no_update;",
        "DROP TRIGGER IF EXISTS audit_entry_no_delete;",
    ],
    "postgresql": [
        "DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_auditentry;",
        "DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_auditentry;",
    ],
}


def _execute(connection: BaseDatabaseWrapper, statements: dict[str, list[str]]) -> None:
    with connection.cursor() as cursor:
        for statement in statements.get(connection.vendor, []):
            cursor.execute(statement)


def enable_append_only(connection: BaseDatabaseWrapper) -> None:
    _execute(connection, CREATE)


def disable_append_only(connection: BaseDatabaseWrapper) -> None:
    _execute(connection, DROP)
