"""Signing in and out, two-factor authentication with an authenticator app (TOTP), passwords, the
user's own account page, and the staff pages where a manager resets two-factor and revokes tokens."""

from __future__ import annotations

from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from fostering.core.views import StaffRequest

from . import lockout, selectors, services
from .forms import (
    ConfirmForm,
    LoginForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    TokenForm,
)
from .permissions import Perm, has_perm, roles_of
from .sessions import SIGNED_OUT_REASON


class LoginView(auth_views.LoginView):
    """django-axes locks the pair (username, address); this view adds the limit per address and
    writes every sign-in and failure to the audit stream."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        address = lockout.client_address(request)
        if lockout.address_locked(address):
            services.sign_in_failure_record(
                username=request.POST.get("username", ""), address=address, note="Address limit"
            )
            return _address_locked(request)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.sign_in_record(user=form.get_user(), address=lockout.client_address(self.request))
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        request = self.request
        address = lockout.client_address(request)
        locked = bool(getattr(request, "axes_locked_out", False))
        services.sign_in_failure_record(
            username=request.POST.get("username", ""), address=address, note="Locked out" if locked else ""
        )
        if not locked and lockout.address_locked(address):
            return _address_locked(request)
        return super().form_invalid(form)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["signed_out_reason"] = self.request.session.pop(SIGNED_OUT_REASON, "")
        return context


def _address_locked(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/address_locked.html", status=429)


def _next_url(request: HttpRequest) -> str:
    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target or "/"
    return "/"


def may_change_two_factor(request: StaffRequest) -> bool:
    """Adding or replacing an authenticator app needs a session that has passed two-factor, unless the
    user has no confirmed app (their first set-up, or after a manager reset it). A session that has
    passed only the password may otherwise just verify."""
    return request.user.is_verified() or not selectors.has_two_factor(request.user)  # type: ignore[attr-defined]


@login_required
def two_factor_setup(request: StaffRequest) -> HttpResponse:
    """Add an authenticator app: show the QR code, confirm it with a first code."""
    if not may_change_two_factor(request):
        return redirect("accounts:two_factor_verify")
    device = None
    if request.method == "POST":
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        # a fresh secret each time the page is shown, so a secret once seen is not the one confirmed
        device = services.two_factor_device_start(user=request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            services.two_factor_device_confirm(device=device, by=request.user)
            otp_login(request, device)
            request.session.cycle_key()
            messages.success(request, "Two-factor authentication is set up")
            return redirect("mywork:home")
        form.add_error("token", "The code is not right: check the time on your phone and try the newest code")
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    return render(
        request,
        "accounts/two_factor_setup.html",
        {"form": form, "qr_svg": svg, "secret": device.bin_key.hex()},
    )


@login_required
def two_factor_verify(request: StaffRequest) -> HttpResponse:
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect("accounts:two_factor_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            otp_login(request, device)
            request.session.cycle_key()
            return redirect(_next_url(request))
        form.add_error("token", "The code is not right: try the newest code from your authenticator app")
    return render(request, "accounts/two_factor_verify.html", {"form": form})


# Passwords: Django's views, with GOV.UK forms, and each change audited.


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "form_page.html"
    extra_context = {"heading": "Change your password", "back_url": reverse_lazy("accounts:account")}
    form_class = PasswordChangeForm
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.password_change_record(user=form.user)
        return response


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/message.html"
    extra_context = {
        "heading": "Your password is changed",
        "paragraphs": ["Use your new password the next time you sign in."],
        "link_url": reverse_lazy("accounts:account"),
        "link_text": "Back to your account",
    }


class PasswordResetView(auth_views.PasswordResetView):
    """The same answer whether or not the address belongs to an account."""

    template_name = "form_page.html"
    extra_context = {
        "heading": "Reset your password",
        "intro": "We will email you a link to choose a new password.",
        "back_url": reverse_lazy("accounts:login"),
    }
    form_class = PasswordResetForm
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/message.html"
    extra_context = {
        "heading": "Check your email",
        "paragraphs": [
            "If the address you gave belongs to an account, we have sent it a link to reset the password. "
            "The link works for 2 hours.",
            "If no email arrives, check the address with your team manager.",
        ],
    }


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = SetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.password_change_record(user=form.user, verb="password_reset")
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/message.html"
    extra_context = {
        "heading": "Your password is reset",
        "paragraphs": ["Sign in with your new password."],
        "link_url": reverse_lazy("accounts:login"),
        "link_text": "Sign in",
    }


# Your account


@login_required
def account(request: StaffRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "accounts/account.html",
        {
            "account": user,
            "roles": sorted(role.label for role in roles_of(user)),
            "has_two_factor": selectors.has_two_factor(user),
            "may_change_two_factor": may_change_two_factor(request),
            "tokens": selectors.api_tokens_of(user=user),
        },
    )


def _confirm_page(
    request: HttpRequest, *, heading: str, text: str, back_url: str, form: ConfirmForm
) -> HttpResponse:
    return render(
        request,
        "accounts/confirm.html",
        {"heading": heading, "text": text, "form": form, "back_url": back_url},
    )


@login_required
def token_revoke(request: StaffRequest, pk: int) -> HttpResponse:
    token = selectors.own_api_token_get(user=request.user, pk=pk)
    form = ConfirmForm(request.POST if request.method == "POST" else None, label="Revoke token")
    if request.method == "POST" and form.is_valid():
        services.api_token_revoke(token=token, by=request.user)
        messages.success(request, f"Token {token.name or token.prefix} is revoked")
        return redirect("accounts:account")
    return _confirm_page(
        request,
        heading="Revoke this API token",
        text=f"“{token.name or token.prefix}” will stop working at once. This cannot be undone.",
        back_url=reverse("accounts:account"),
        form=form,
    )


# Staff: a manager's view of the accounts of their organisation's staff.


def _require_manager(request: StaffRequest) -> None:
    if not has_perm(request.user, Perm.MANAGE_STAFF):
        raise PermissionDenied


@login_required
def staff_list(request: StaffRequest) -> HttpResponse:
    _require_manager(request)
    return render(
        request, "accounts/staff_list.html", {"staff": selectors.staff_list_for_user(user=request.user)}
    )


@login_required
def staff_detail(request: StaffRequest, pk: int) -> HttpResponse:
    member = selectors.staff_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "accounts/staff_detail.html",
        {
            "member": member,
            "roles": sorted(role.label for role in roles_of(member)),
            "tokens": selectors.api_tokens_of(user=member),
            "require_2fa": settings.FOSTERING_REQUIRE_2FA,
        },
    )


@login_required
def staff_two_factor_reset(request: StaffRequest, pk: int) -> HttpResponse:
    member = selectors.staff_get_for_user(user=request.user, pk=pk)
    form = ConfirmForm(
        request.POST if request.method == "POST" else None, label="Reset two-factor authentication"
    )
    back = reverse("accounts:staff_detail", args=[member.pk])
    if request.method == "POST" and form.is_valid():
        services.two_factor_reset(user=member, by=request.user)
        messages.success(request, f"Two-factor authentication is reset for {member}")
        return redirect(back)
    return _confirm_page(
        request,
        heading=f"Reset two-factor authentication for {member}",
        text=(
            "Their authenticator app will stop working. When they next sign in with their password they "
            "will set up a new one. Check who is asking before you reset it: do it only for the person "
            "themselves, by phone or in person."
        ),
        back_url=back,
        form=form,
    )


@login_required
def staff_token_revoke(request: StaffRequest, pk: int) -> HttpResponse:
    token = selectors.staff_api_token_get_for_user(user=request.user, pk=pk)
    form = ConfirmForm(request.POST if request.method == "POST" else None, label="Revoke token")
    back = reverse("accounts:staff_detail", args=[token.user_id])
    if request.method == "POST" and form.is_valid():
        services.api_token_revoke(token=token, by=request.user)
        messages.success(request, f"Token {token.name or token.prefix} of {token.user} is revoked")
        return redirect(back)
    return _confirm_page(
        request,
        heading=f"Revoke an API token of {token.user}",
        text=f"“{token.name or token.prefix}” will stop working at once. This cannot be undone.",
        back_url=back,
        form=form,
    )
