"""The headers of every page (ADR 8): the content security policy, no caching of personal data, and the
production settings that Django's deployment checks ask for."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from fostering.accounts.roles import Role
from tests import builders

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted((ROOT / "fostering").glob("**/templates/**/*.html"))
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
# a script element that only carries data (JSON) is never run, so the policy allows it
DATA_SCRIPT = re.compile(r"type=[\"']application/(ld\+)?json", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def test_no_template_holds_an_inline_script_style_or_event_handler():
    assert TEMPLATES, "no templates found"
    offenders = []
    for path in TEMPLATES:
        text = path.read_text()
        name = str(path.relative_to(ROOT))
        offenders += [
            f"{name}: <script>" for m in INLINE_SCRIPT.finditer(text) if not DATA_SCRIPT.search(m[0])
        ]
        offenders += [f"{name}: style=" for _ in STYLE_ATTRIBUTE.finditer(text)]
        offenders += [f"{name}: <style>" for _ in STYLE_ELEMENT.finditer(text)]
        offenders += [f"{name}: on...=" for _ in EVENT_HANDLER.finditer(text)]
    assert offenders == []


def test_the_base_layout_loads_govuk_frontend_once():
    base = (ROOT / "fostering" / "templates" / "base.html").read_text()
    init = (ROOT / "fostering" / "static" / "init.js").read_text()
    assert "govuk-frontend.min.js" not in base
    assert 'from "./vendor/govuk/govuk-frontend.min.js"' in init


def policy_of(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = [part.strip().split() for part in header.split(";") if part.strip()]
    return {d[0]: d[1:] for d in directives}


@pytest.mark.django_db
def test_pages_are_sent_with_a_content_security_policy_that_allows_no_inline_code(client):
    org = builders.organisation()
    public = client.get(reverse("recruitment:enquire", args=[org.code]))
    client.force_login(builders.staff(org, Role.SERVICE_MANAGER))
    signed_in = client.get(reverse("mywork:home"))
    for response in (public, signed_in):
        assert response.status_code == 200
        policy = policy_of(response)
        assert policy["default-src"] == ["'self'"]
        assert policy["script-src"] == ["'self'"]
        assert policy["style-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
        assert "'unsafe-eval'" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_a_page_for_a_signed_in_user_is_never_stored_and_a_public_page_may_be():
    org = builders.organisation()
    client = Client()
    public = client.get(reverse("recruitment:enquire", args=[org.code]))
    assert "no-store" not in public.get("Cache-Control", "")
    client.force_login(builders.staff(org, Role.SUPERVISING_SOCIAL_WORKER))
    for url in [reverse("mywork:home"), reverse("households:list"), reverse("children:list")]:
        response = client.get(url)
        assert response.status_code in (200, 403), url
        assert "no-store" in response["Cache-Control"], url
        assert "private" in response["Cache-Control"], url
    # a refusal and a page that is not there are answered to the same signed-in user: not stored either
    assert "no-store" in client.get("/no-such-page/")["Cache-Control"]
    # a staff page refused to a carer by the portal's boundary carries the same headers as every page
    from fostering.portal.tests.factories import signed_up

    carer, _ = signed_up(builders.approved_household(org))
    client.force_login(carer)
    for url in [reverse("households:list"), reverse("portal:home")]:
        response = client.get(url)
        assert response.status_code == (404 if url == reverse("households:list") else 200), url
        assert "no-store" in response["Cache-Control"], url
        assert "'unsafe-inline'" not in response["Content-Security-Policy"], url


@pytest.mark.django_db
def test_an_api_answer_to_a_bearer_token_is_never_stored():
    response = Client().get("/api/v1/me", headers={"Authorization": "Bearer not-a-token"})
    assert response.status_code == 401
    assert "no-store" in response["Cache-Control"]


def test_the_production_settings_pass_the_deployment_checks_without_a_warning(tmp_path):
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
        "FOSTERING_VAR_DIR": str(tmp_path),
    }
    for name in (
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_PRELOAD",
    ):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
