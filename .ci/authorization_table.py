"""Keep the role/permission table in docs/authorization.md equal to ``ROLE_PERMISSIONS``.

    uv run python .ci/authorization_table.py          # rewrite the table in place
    uv run python .ci/authorization_table.py --check  # fail (exit 1) when the document is out of date

The table sits between the markers ``<!-- permissions:start -->`` and ``<!-- permissions:end -->``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import django

DOCUMENT = Path(__file__).resolve().parent.parent / "docs" / "authorization.md"
START, END = "<!-- permissions:start -->", "<!-- permissions:end -->"


def _meaning(name: str) -> str:
    from django.apps import apps

    app_label, codename = name.split(".", 1)
    for model in apps.get_app_config(app_label).get_models():
        for custom, label in model._meta.permissions:
            if custom == codename:
                return str(label)
        for action in model._meta.default_permissions:
            if codename == f"{action}_{model._meta.model_name}":
                return f"{action} {model._meta.verbose_name} (Django default)"
    return "**unknown permission**"


def table() -> str:
    from django.utils import translation

    from klankbord.accounts.constants import RoleSlug
    from klankbord.accounts.roles import ROLE_PERMISSIONS, ROLES_WITHOUT_MANDATORY_MFA

    roles = list(RoleSlug)
    with translation.override("nl"):
        header = "| permission | meaning (Dutch label) | " + " | ".join(str(r.label) for r in roles) + " |"
        lines = [header, "|---|---|" + "---|" * len(roles)]
        for name in sorted(set().union(*ROLE_PERMISSIONS.values())):
            cells = " | ".join("✓" if name in ROLE_PERMISSIONS[role] else "" for role in roles)
            lines.append(f"| `{name}` | {_meaning(name)} | {cells} |")
    mfa = " | ".join("no" if role in ROLES_WITHOUT_MANDATORY_MFA else "**yes**" for role in roles)
    lines.append(f"| *MFA mandatory* | `Role.requires_mfa` | {mfa} |")
    return "\n".join(lines)


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klankbord.settings")
    sys.path.insert(0, str(DOCUMENT.parent.parent))
    django.setup()
    text = DOCUMENT.read_text(encoding="utf-8")
    before, rest = text.split(START, 1)
    _old, after = rest.split(END, 1)
    updated = f"{before}{START}\n{table()}\n{END}{after}"
    if "--check" in sys.argv:
        if updated != text:
            print(
                f"{DOCUMENT} is out of date: run `uv run python .ci/authorization_table.py`", file=sys.stderr
            )
            return 1
        print("docs/authorization.md matches ROLE_PERMISSIONS")
        return 0
    DOCUMENT.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
