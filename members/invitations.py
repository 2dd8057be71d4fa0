"""Giving a person a sign-in: the secretariat makes the account, and the person alone is
e-mailed a link to choose their password. The clerk never sees the link, and the in-app outbox
keeps only a note that it was sent (members/outbox.py)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import Person, User
from .outbox import SECRET_HEADER


@transaction.atomic
def sign_in_give(*, person: Person, bodies: str, user: User) -> User:
    """Make ``person`` a sign-in named by their e-mail address, with no password until they
    choose one from the link they are sent. ``bodies``: the bodies they sit on, in words."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.user_id is not None:
        raise ValidationError(f"{person.full_name} already has a sign-in.")
    address = person.email.strip().lower()
    if not address:
        raise ValidationError(
            f"{person.full_name} has no e-mail address: add it to their details first, so "
            "the link to choose a password can reach them."
        )
    if User.objects.filter(username__iexact=address).exists():
        raise ValidationError(
            f"A sign-in already uses {address}: ask an administrator to link it to "
            f"{person.full_name}."
        )
    account = User(
        username=address, email=address, first_name=person.given_name, last_name=person.family_name
    )
    account.set_unusable_password()
    account.save()
    person.user = account
    person._history_user = user
    person.save()
    transaction.on_commit(lambda: _send(account, person, bodies))
    return account


def _send(account: User, person: Person, bodies: str) -> None:
    link = settings.SITE_URL + reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(account.pk)),
            "token": default_token_generator.make_token(account),
        },
    )
    context = {
        "person": person,
        "account": account,
        "bodies": bodies,
        "link": link,
        "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86_400),
    }
    EmailMultiAlternatives(
        "Your sign-in to Quorate",
        render_to_string("emails/sign_in_given.txt", context),
        to=[account.email],
        headers={SECRET_HEADER: "the link to choose a password"},
    ).send()
