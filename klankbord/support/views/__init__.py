"""Views of support: the ambassador's pages (case.py), the counsellor's and coordinator's (office.py), and the
member's evaluation (office.py)."""
