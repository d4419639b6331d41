import pytest
from django.db import connection
pytestmark = pytest.mark.browser

def _state(tag):
    from klankbord.geo.models import Municipality
    s = getattr(connection, "_test_serialized_contents", None)
    print(tag, Municipality.objects.count(), None if s is None else (len(s), s.count('"geo.municipality"')))

def test_a(page, live_server):
    _state("a")
    page.goto(live_server.url + "/")

def test_b():
    _state("b")

def test_c():
    _state("c")
