"""Pages render under the content security policy (ADR 8) with no violation, and the GOV.UK Frontend
JavaScript still runs: loaded once, from the site's own static files."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fostering.accounts.roles import Role
from tests import builders
from tests.browser.conftest import CSP_LISTENER, csp_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_pages_render_under_the_policy_with_govuk_frontend_loaded_once(page, sign_in, settings):
    council = builders.organisation()
    manager = builders.staff(council, Role.SERVICE_MANAGER)
    household = builders.approved_household(council)
    scripts: list[str] = []
    page.on(
        "request", lambda request: scripts.append(request.url) if request.resource_type == "script" else None
    )

    pages = [reverse("accounts:login"), reverse("recruitment:enquire", args=[council.code])]
    for url in pages:
        response = page.goto(url)
        assert response.status == 200, url
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "style-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert csp_violations(page) == [], url
    # the honeypot of the enquiry form is out of sight by its class, not an inline style
    assert page.locator("#id_website").bounding_box()["x"] < -5000

    sign_in(page, manager)
    signed_in_pages = [
        reverse("mywork:home"),
        reverse("households:detail", args=[household.pk]),
        reverse("households:supervision_visit_add", args=[household.pk]),
        reverse("accounts:two_factor_setup"),  # the QR code is an inline SVG
    ]
    for url in signed_in_pages:
        scripts.clear()
        response = page.goto(url)
        assert response.status == 200, url
        assert "unsafe-inline" not in response.headers["content-security-policy"]
        assert csp_violations(page) == [], url
        # the classes set before the body is drawn, and the components GOV.UK Frontend started
        body_class = page.locator("body").get_attribute("class")
        assert "js-enabled" in body_class and "govuk-frontend-supported" in body_class, url
        assert page.locator(
            "[data-module=govuk-service-navigation][data-govuk-service-navigation-init]"
        ).count()
        assert len([u for u in scripts if u.endswith("govuk-frontend.min.js")]) == 1, url
    # the sign-out button keeps its look from the stylesheet
    sign_out = page.get_by_role("button", name="Sign out")
    assert sign_out.evaluate("button => getComputedStyle(button).borderTopStyle") == "none"


def test_an_inline_script_is_refused_and_the_refusal_is_seen(browser, live_server):
    """The checks would catch a violation: an inline script added to a page is blocked, and both the
    listener of the page fixture and the console see it (in a context of its own, as the page fixture
    fails any test with a violation)."""
    context = browser.new_context(base_url=live_server.url)
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    page.goto(reverse("accounts:login"))
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.__ranInline = true";
            document.body.appendChild(script);
        }"""
    )
    page.wait_for_function("() => window.__cspViolations.length > 0")
    assert page.evaluate("() => window.__ranInline === true") is False
    assert csp_violations(page)[0].startswith("script-src")
    assert any("Content Security Policy" in text for text in console)
    context.close()
