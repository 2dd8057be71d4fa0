from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.urls import include, path

from members import account

from . import views

admin.site.site_header = "Quorate administration"

urlpatterns = [
    path("health/", views.health, name="health"),
    path(settings.ADMIN_URL, admin.site.urls),
    path(
        "accounts/login/",
        # Outside a transaction: on the embedded default one holds SQLite's write lock from its
        # start, and checking a password is slow by design. Its few writes commit one by one.
        transaction.non_atomic_requests(
            auth_views.LoginView.as_view(authentication_form=account.SignInForm)
        ),
        name="login",
    ),
    path("accounts/password_reset/", account.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=account.NewPasswordForm),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password_change/",
        auth_views.PasswordChangeView.as_view(form_class=account.ChangePasswordForm),
        name="password_change",
    ),
    path("accounts/security/", account.security, name="account-security"),
    path(
        "accounts/security/sign-out-elsewhere/",
        account.sign_out_elsewhere,
        name="account-sign-out-elsewhere",
    ),
    path("accounts/two-factor/setup/", account.two_factor_setup, name="two-factor-setup"),
    path("accounts/two-factor/verify/", account.two_factor_verify, name="two-factor-verify"),
    path("accounts/lockouts/", account.lockouts, name="account-lockouts"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/", include("api.urls")),
    path("", include("members.urls")),
    path("", include("meetings.urls")),
    path("", include("documents.urls")),
    path("", include("notices.urls")),
]
