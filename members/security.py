"""Sessions that end after a spell without activity, signing out everywhere, and two-factor
sign-in (TOTP, through django-otp) for those who turn it on or whose role requires it."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import update_session_auth_hash
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

from config import clock

from .access import roles_for

# A session's expiry is pushed back at most this often, so an active person's session is
# written once every few minutes rather than on every request.
TOUCH_EVERY_SECONDS = 300


def idle_limit(user) -> int:
    """Seconds without activity before a session ends: the secretariat's is shorter."""
    if user.is_staff or roles_for(user).is_secretariat:
        return settings.SESSION_IDLE_SECRETARIAT
    return settings.SESSION_IDLE_OTHERS


class SessionIdleMiddleware:
    """Push a signed-in session's expiry back while it is in use."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            now = int(clock.now().timestamp())
            if now - request.session.get("touched", 0) > TOUCH_EVERY_SECONDS:
                request.session["touched"] = now
                request.session.set_expiry(idle_limit(user))
        return self.get_response(request)


def sign_out_everywhere(request) -> None:
    """End every other session of the signed-in user; this one carries on."""
    user = request.user
    user.session_generation += 1
    user.save(update_fields=["session_generation"])
    update_session_auth_hash(request, user)


# Two-factor sign-in ------------------------------------------------------------------------

OTP_CLEAR = "otp_not_needed"
EXEMPT = ("/accounts/two-factor/", "/accounts/logout/", "/static/", "/health/")


def two_factor_required(user) -> bool:
    return settings.TWO_FACTOR_REQUIRED_FOR_SECRETARIAT and (
        user.is_staff or roles_for(user).is_secretariat
    )


class TwoFactorMiddleware:
    """A signed-in person with an authenticator app set up must give its code before going
    on; where the setting requires it, the secretariat and admin users must set one up. A
    session that needs neither is marked, so this costs no query after the first request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and not request.session.get(OTP_CLEAR)
            and not request.path.startswith(EXEMPT)
        ):
            if user_has_device(user, confirmed=True):
                return redirect(f"{reverse('two-factor-verify')}?next={request.get_full_path()}")
            if two_factor_required(user):
                return redirect(f"{reverse('two-factor-setup')}?next={request.get_full_path()}")
            request.session[OTP_CLEAR] = True
        return self.get_response(request)
