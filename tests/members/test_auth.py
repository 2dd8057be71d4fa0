"""Sign in, sign out, and reset a forgotten password by e-mail."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.db import connection
from django.test import Client, override_settings

from members.models import OutboxMessage
from tests.conftest import sign_in
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_signing_in_leads_to_the_dashboard():
    UserFactory(username="amara")
    response = Client().post(
        "/accounts/login/", {"username": "amara", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/dashboard/"
    assert "Signed in as" in response.content.decode()


def test_a_wrong_password_is_refused_and_the_username_kept():
    UserFactory(username="amara")
    response = Client().post("/accounts/login/", {"username": "amara", "password": "wrong"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert 'value="amara"' in page


def test_signing_out_needs_a_post_and_ends_the_session():
    UserFactory(username="amara")
    client = Client()
    assert sign_in(client, "amara")
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/dashboard/").status_code == 302


def test_a_forgotten_password_is_reset_through_the_emailed_link():
    user = UserFactory(username="amara", email="amara@example.org")
    client = Client()
    client.post("/accounts/password_reset/", {"email": "amara@example.org"})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Reset your Quorate password"
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    new = "a-much-longer-passphrase-2026"
    client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    user.refresh_from_db()
    assert user.check_password(new)


def test_an_unknown_address_gets_the_same_answer_and_no_email():
    response = Client().post(
        "/accounts/password_reset/", {"email": "nobody@example.org"}, follow=True
    )
    assert "Check your e-mail" in response.content.decode()
    assert mail.outbox == []


@override_settings(EMAIL_BACKEND="members.outbox.OutboxEmailBackend")
def test_the_embedded_default_keeps_each_email_in_the_outbox(capsys):
    UserFactory(username="amara", email="amara@example.org")
    Client().post("/accounts/password_reset/", {"email": "amara@example.org"})
    message = OutboxMessage.objects.get()
    assert message.to == "amara@example.org"
    assert message.subject == "Reset your Quorate password"
    assert "/accounts/reset/" not in message.body  # the link is for its recipient only
    assert message.withheld
    assert "/accounts/reset/" in capsys.readouterr().out  # the developer's terminal has it


class WatchingHasher(MD5PasswordHasher):
    """The suite's hasher, noting whether each password is checked inside a transaction."""

    inside: list[bool] = []

    def verify(self, password, encoded):
        WatchingHasher.inside.append(connection.in_atomic_block)
        return super().verify(password, encoded)


@pytest.mark.django_db(transaction=True)
@override_settings(PASSWORD_HASHERS=["tests.members.test_auth.WatchingHasher"])
def test_the_password_is_checked_outside_any_transaction():
    """Checking a password is slow by design. On the embedded default each transaction holds
    SQLite's write lock from its start, so a sign-in inside one would hold up every other
    request while its password was hashed."""
    UserFactory(username="amara")
    WatchingHasher.inside.clear()
    response = Client().post("/accounts/login/", {"username": "amara", "password": PASSWORD})
    assert response.status_code == 302
    assert WatchingHasher.inside == [False]
