import pytest
from django.test import Client
from klankbord.accounts.constants import RoleSlug

@pytest.mark.django_db
def test_probe(make_user):
    user = make_user(RoleSlug.AMBASSADOR, mfa=False)
    c = Client()
    r = c.post("/accounts/login/", {"login": user.email, "password": "correct horse battery staple"})
    print("login", r.status_code, r.get("Location"))
    print(dict(c.session))
    r = c.get("/accounts/2fa/totp/activate/")
    print("activate", r.status_code, r.get("Location"))
