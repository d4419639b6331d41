from django.urls import reverse
def test_probe(client, settings, db):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "reset_password": "1/h/ip"}
    r1 = client.post(reverse("account_reset_password"), {"email": "someone@example.test"})
    r = client.post(reverse("account_reset_password"), {"email": "someone@example.test"})
    print("STATUS", r1.status_code, r.status_code, r.content.decode()[-3000:])
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "1/m/ip"}
    client.post(reverse("account_login"), {"login": "a@b.test", "password": "x"})
    r = client.post(reverse("account_login"), {"login": "a@b.test", "password": "x"})
    print("LOGIN", r.status_code, r.content.decode()[:300])
