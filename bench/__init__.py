"""The Klankbord benchmark: scale data on PostgreSQL, `klankbord serve`, the key pages per role.

Run from the repository root: ``uv run python -m bench --scale 1 --duration 5``.
"""
