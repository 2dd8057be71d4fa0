"""Looking after a sign-in: password reset (throttled, its link never kept in the outbox),
changing the password, two-factor sign-in with an authenticator app, signing out everywhere,
and the secretariat lifting a sign-in lock-out."""

from __future__ import annotations

import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.core.mail import EmailMultiAlternatives
from django.shortcuts import redirect, render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_ratelimit.core import is_ratelimited

from config.forms import StyledForm

from .access import secretariat_required
from .outbox import SECRET_HEADER
from .security import OTP_CLEAR, sign_out_everywhere

# Sign-in and password reset ----------------------------------------------------------------


class SignInForm(StyledForm, AuthenticationForm):
    """Django's sign-in form, drawn field by field as every other form is."""


class NewPasswordForm(StyledForm, SetPasswordForm):
    """Django's new-password form, drawn field by field as every other form is."""


class ChangePasswordForm(StyledForm, PasswordChangeForm):
    """Django's change-password form, drawn field by field as every other form is. Changing
    the password ends every other session of the person's (the sessions carry a hash of it);
    Django's view keeps this one."""


class SecretLinkPasswordResetForm(StyledForm, PasswordResetForm):
    """Django's reset form, marking its e-mail as one that carries a secret link."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        message = EmailMultiAlternatives(
            subject, body, from_email, [to_email], headers={SECRET_HEADER: "password reset"}
        )
        message.send()


def _reset_limited(request) -> bool:
    """Over the rate, by address or by e-mail."""
    rate = settings.PASSWORD_RESET_RATE
    return any(
        is_ratelimited(request, group="password-reset", key=key, rate=rate, increment=True)
        for key in ("ip", "post:email")
    )


class PasswordResetView(auth_views.PasswordResetView):
    """Throttled by address and by e-mail: a stream of requests cannot flood an inbox or
    probe the accounts, and the message says plainly when to try again."""

    form_class = SecretLinkPasswordResetForm

    def post(self, request, *args, **kwargs):
        if _reset_limited(request):
            form = self.get_form()
            form.is_valid()
            form.add_error(
                None,
                "Too many password reset requests have been made from here or for this "
                "address. Try again in an hour, or ask the secretariat.",
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)


# Two-factor sign-in ------------------------------------------------------------------------


class TokenForm(forms.Form):
    token = forms.RegexField(
        label="The six-digit code from your authenticator app",
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": "Give the six digits your app shows, such as 123456."},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "class": "form-control"}
        ),
    )

    def clean_token(self):
        return self.cleaned_data["token"].strip()


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return settings.LOGIN_REDIRECT_URL


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    # The SVG is made here, by qrcode, from the device's own URI: nothing a person typed.
    return mark_safe(svg[svg.index("<svg") :])  # nosec B308 B703


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    """Add an authenticator app: scan the code (or type the key), then give a code from it."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=request.user, name="Authenticator app", confirmed=False
        )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
            otp_login(request, device)
            sign_out_everywhere(request)
            messages.success(
                request,
                "Two-factor sign-in is on. Other sessions have been signed out; each will "
                "need a code to sign in again.",
            )
            return redirect(_next(request))
        form.add_error("token", "That code does not match: check the time on your device.")
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    context = {
        "form": form,
        "qr": _qr_svg(device.config_url),
        "key": " ".join(key[i : i + 4] for i in range(0, len(key), 4)),
        "next": _next(request),
    }
    return render(request, "members/account/two_factor_setup.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    """The second step of signing in, for those with an authenticator app."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            request.session.pop(OTP_CLEAR, None)
            return redirect(_next(request))
        form.add_error("token", "That code is not right, or has been used: try the next one.")
    return render(
        request,
        "members/account/two_factor_verify.html",
        {"form": form, "next": _next(request)},
        status=400 if form.is_bound else 200,
    )


@login_required
def security(request):
    """The person's own sign-in: two-factor status, and signing out everywhere."""
    has_device = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
    return render(request, "members/account/security.html", {"has_device": has_device})


@login_required
@require_POST
def sign_out_elsewhere(request):
    sign_out_everywhere(request)
    messages.success(request, "You have been signed out everywhere else.")
    return redirect("account-security")


# Lock-outs ---------------------------------------------------------------------------------


class LiftForm(forms.Form):
    username = forms.CharField(max_length=150)


@secretariat_required
@require_http_methods(["GET", "POST"])
def lockouts(request):
    """Accounts locked out after too many wrong passwords; the secretariat may lift one."""
    form = LiftForm(request.POST or None)
    if request.method == "POST":
        username = form.cleaned_data["username"] if form.is_valid() else ""
        lifted = axes_reset(username=username) if username else 0
        if lifted:
            messages.success(request, f"The lock-out on “{username}” is lifted.")
        else:
            messages.error(request, "There is no lock-out on that account.")
        return redirect("account-lockouts")
    locked = AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT
    ).order_by("-attempt_time")[:100]
    return render(request, "members/account/lockouts.html", {"locked": locked})
