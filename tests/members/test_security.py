"""Security, tried as an attacker would: the outbox never hands out a reset link; sign-in and
password reset are throttled; sessions end when idle and can be ended everywhere; two-factor
sign-in; the headers that keep the browser to what the page needs."""

from __future__ import annotations

import datetime
import re
from datetime import UTC
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from members.models import OutboxMessage
from tests.conftest import client_for, sign_in
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


# The outbox -------------------------------------------------------------------------------


@override_settings(EMAIL_BACKEND="members.outbox.OutboxEmailBackend")
def test_a_staff_clerk_cannot_take_over_an_account_through_the_outbox(world):
    """The reported attack: reset another user's password anonymously, then read the link
    in the outbox as a staff clerk."""
    victim = world.users["other_member"]
    Client().post("/accounts/password_reset/", {"email": victim.email})
    clerk = world.users["clerk"]
    clerk.is_staff = True
    clerk.save()
    page = client_for(world, "clerk").get("/outbox/").content.decode()
    assert "/accounts/reset/" not in page
    assert not OutboxMessage.objects.filter(body__contains="/accounts/reset/").exists()
    # The victim's own outbox says a link was sent, without the link.
    own = client_for(world, "other_member").get("/outbox/").content.decode()
    assert "Reset your Quorate password" in own and "/accounts/reset/" not in own


# Sign-in throttling -----------------------------------------------------------------------


def test_after_five_wrong_passwords_even_the_right_one_is_refused_until_lifted(world):
    victim = UserFactory(username="victim")
    attacker = Client()
    for _ in range(25):
        attacker.post("/accounts/login/", {"username": "victim", "password": "guess"})
    locked = attacker.post("/accounts/login/", {"username": "victim", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Sign-in locked for now" in locked.content.decode()
    assert "_auth_user_id" not in attacker.session
    # The secretariat sees the lock-out and lifts it; the right password then works.
    clerk = client_for(world, "clerk")
    assert "victim" in clerk.get("/accounts/lockouts/").content.decode()
    clerk.post("/accounts/lockouts/", {"username": "victim"})
    assert sign_in(Client(), victim.username)


def test_password_reset_requests_are_throttled_with_a_clear_message():
    UserFactory(username="amara", email="amara@example.org")
    client = Client()
    # The throttle counts in hourly windows, each address and e-mail ending its window at its
    # own minute: the clock stands still here, so the six requests fall in one window.
    with time_machine.travel(datetime.datetime(2026, 11, 23, 10, 30, tzinfo=UTC), tick=False):
        for _ in range(5):
            client.post("/accounts/password_reset/", {"email": "amara@example.org"})
        sent = len(mail.outbox)
        refused = client.post("/accounts/password_reset/", {"email": "amara@example.org"})
    assert refused.status_code == 429
    assert "Too many password reset requests" in refused.content.decode()
    assert len(mail.outbox) == sent == 5


# Sessions ---------------------------------------------------------------------------------


def test_the_secretariat_is_signed_out_after_eight_idle_hours_and_members_later(world):
    clerk, member = client_for(world, "clerk"), client_for(world, "member")
    clerk.get("/dashboard/")
    member.get("/dashboard/")
    assert clerk.session.get_expiry_age() == 8 * 60 * 60
    assert member.session.get_expiry_age() == 14 * 24 * 60 * 60


def test_signing_out_everywhere_ends_the_other_sessions_but_not_this_one():
    UserFactory(username="amara")
    here, elsewhere = Client(), Client()
    assert sign_in(here, "amara") and sign_in(elsewhere, "amara")
    here.post("/accounts/security/sign-out-elsewhere/")
    assert here.get("/dashboard/").status_code == 200
    assert elsewhere.get("/dashboard/").status_code == 302


def test_changing_the_password_ends_the_other_sessions_but_not_this_one():
    UserFactory(username="amara")
    here, elsewhere = Client(), Client()
    assert sign_in(here, "amara") and sign_in(elsewhere, "amara")
    page = here.get("/accounts/password_change/").content.decode()
    assert "Change your password" in page and "Django" not in page
    new = "a-longer-passphrase-of-mine"
    refused = here.post(
        "/accounts/password_change/",
        {"old_password": "not it", "new_password1": new, "new_password2": new},
    )
    assert refused.status_code == 200
    assert "Your old password was entered incorrectly" in refused.content.decode()
    assert elsewhere.get("/dashboard/").status_code == 200, "a refused change ends nothing"

    changed = here.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
        follow=True,
    )
    assert "Password changed" in changed.content.decode()
    assert here.get("/dashboard/").status_code == 200
    assert elsewhere.get("/dashboard/").status_code == 302
    assert not sign_in(Client(), "amara") and sign_in(Client(), "amara", new)


# Two-factor sign-in -----------------------------------------------------------------------


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_two_factor_sign_in_is_set_up_then_asked_for_at_each_sign_in(time_machine):
    clock = time_machine
    clock.move_to(datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC), tick=True)
    UserFactory(username="amara")
    client = Client()
    sign_in(client, "amara")
    page = client.get("/accounts/two-factor/setup/").content.decode()
    assert "<svg" in page
    device = TOTPDevice.objects.get(user__username="amara")
    wrong_code = "000000" if code(device) != "000000" else "111111"
    wrong = client.post("/accounts/two-factor/setup/", {"token": wrong_code})
    assert "That code does not match" in wrong.content.decode()
    clock.shift(datetime.timedelta(seconds=5))  # past the throttle after a wrong code
    client.post("/accounts/two-factor/setup/", {"token": code(device)})
    assert TOTPDevice.objects.get(user__username="amara").confirmed
    later = Client()
    sign_in(later, "amara")
    held = later.get("/dashboard/")
    assert held.status_code == 302 and held["Location"].startswith("/accounts/two-factor/verify/")
    refused = later.post("/accounts/two-factor/verify/", {"token": "12"})
    assert "Give the six digits" in refused.content.decode()
    clock.shift(datetime.timedelta(seconds=35))  # a code is good once: wait for the next
    device.refresh_from_db()
    later.post("/accounts/two-factor/verify/", {"token": code(device), "next": "/dashboard/"})
    assert later.get("/dashboard/").status_code == 200


@override_settings(TWO_FACTOR_REQUIRED_FOR_SECRETARIAT=True)
def test_where_required_the_secretariat_must_set_up_two_factor_and_members_need_not(world):
    held = client_for(world, "clerk").get("/dashboard/")
    assert held.status_code == 302 and held["Location"].startswith("/accounts/two-factor/setup/")
    assert client_for(world, "member").get("/dashboard/").status_code == 200


# Headers ----------------------------------------------------------------------------------


def test_every_page_forbids_inline_script_and_unneeded_browser_features():
    response = Client().get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_no_template_carries_inline_script_or_style():
    """Print templates (``*/pdf/``) and e-mails (``emails/``) are excepted: WeasyPrint and
    mail readers read them, never from this site, whose CSP does not reach them (and mail
    readers keep only inline styles)."""
    templates = Path(__file__).resolve().parents[2] / "templates"
    offending = [
        str(path.relative_to(templates))
        for path in templates.rglob("*.html")
        if path.parent.name not in ("pdf", "emails")
        and re.search(r"<script(?![^>]*\bsrc=)[^>]*>|\bstyle=\"|<style", path.read_text())
    ]
    assert offending == []
