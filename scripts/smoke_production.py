"""Production smoke test, run by scripts/smoke_production.sh against gunicorn on production settings.

It builds the council of the access matrix (tests/test_access.py: ``build_council``) beside the demo
council, signs one member of staff of each kind of role in through the real sign-in form and the two-factor page
(a confirmed authenticator app is made for them, and its code computed as the app would), and opens every
page of the matrix as them, the public pages signed out, and the list, report and form pages as the demo
council's manager (over its three years of records). No page may answer 500; every page the
matrix says the role reaches must answer 200; every page carries the production headers. Prints one
line per role, the headers of one page, and the count and time; exits 1 on any failure.

    python scripts/smoke_production.py http://127.0.0.1:PORT
"""

from __future__ import annotations

import http.client
import itertools
import os
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html import unescape
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.urls import reverse  # noqa: E402
from django_otp.oath import TOTP  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from fostering.accounts.models import User  # noqa: E402
from fostering.accounts.permissions import ROLE_PERMISSIONS  # noqa: E402
from fostering.accounts.roles import Role  # noqa: E402
from fostering.portal import services as portal_services  # noqa: E402
from tests import builders  # noqa: E402
from tests.test_access import (  # noqa: E402
    ADD_PAGES,
    LIST_PAGES,
    OPEN_PAGES,
    PUBLIC_PAGES,
    RECORD_PAGES,
    build_council,
    reaches,
)
from tests.test_portal_access import PORTAL_PAGES  # noqa: E402

# One role of each kind: sees the whole service, a caseload of households, a caseload of children, only
# the panel meetings they sit on, the money, and a carer outside the council's staff.
ROLES = [
    Role.SERVICE_MANAGER,
    Role.SUPERVISING_SOCIAL_WORKER,
    Role.CHILDS_SOCIAL_WORKER,
    Role.PANEL_MEMBER,
    Role.PAYMENTS_OFFICER,
    Role.CARER,
]
PASSWORD = "smoke-" + os.urandom(12).hex()
HOST = "localhost"
REQUIRED_HEADERS = ("Content-Security-Policy", "Strict-Transport-Security", "X-Content-Type-Options")


@dataclass
class Browser:
    """Cookies kept by hand: the session and CSRF cookies are Secure, and the proxy in front of gunicorn
    is played by sending X-Forwarded-Proto: https."""

    base: str
    cookies: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        parts = urlsplit(self.base)
        self.connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=60)

    def request(self, method: str, url: str, form: dict[str, str] | None = None) -> tuple[int, dict, str]:
        headers = {"Host": HOST, "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://{HOST}{url}"
        self.connection.request(method, url, body=body, headers=headers)
        response = self.connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for value in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(value).items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response.status, dict(response.headers.items()), text

    def follow(self, method: str, url: str, form: dict[str, str] | None = None) -> tuple[int, str, str]:
        status, headers, text = self.request(method, url, form)
        for _ in range(5):
            if status not in (301, 302, 303):
                break
            location = urlsplit(urljoin(f"https://{HOST}{url}", headers["Location"]))
            url = location.path + (f"?{location.query}" if location.query else "")
            status, headers, text = self.request("GET", url)
        return status, url, text


def csrf_token(page: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert match, "the form has no CSRF token"
    return unescape(match[1])


def sign_in(browser: Browser, user: User, device: TOTPDevice) -> None:
    """The real sign-in: the form, then the two-factor page with the code the authenticator app shows."""
    login = reverse("accounts:login")
    status, _, page = browser.follow("GET", login)
    assert status == 200, f"sign-in page answered {status}"
    form = {"csrfmiddlewaretoken": csrf_token(page), "username": user.username, "password": PASSWORD}
    status, url, page = browser.follow("POST", login, form)
    if 'name="token"' in page:
        code = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
        form = {"csrfmiddlewaretoken": csrf_token(page), "token": f"{code:0{device.digits}d}"}
        status, url, page = browser.follow("POST", url, form)
    assert status == 200 and url in (reverse("mywork:home"), reverse("portal:home")), (
        f"{user.username} was not signed in ({status} {url})"
    )


@dataclass
class Visit:
    """One signed-in user's round of pages: (url name, url, whether the role reaches it)."""

    label: str
    user: User
    device: TOTPDevice
    pages: list[tuple[str, str, bool]]


def visit(base: str, plan: Visit) -> tuple[str, list[str], int, dict[str, str]]:
    """Open every page of the plan as its user (HTTP only, so visits run side by side)."""
    browser = Browser(base)
    sign_in(browser, plan.user, plan.device)
    failures: list[str] = []
    opened = 0
    home: dict[str, str] = {}
    for name, url, allowed in plan.pages:
        status, headers, _ = browser.request("GET", url)
        home = headers if name == "mywork:home" else home
        if status >= 500 or (allowed and status != 200) or (not allowed and status not in (403, 404)):
            failures.append(f"{plan.label} {name} {url}: {status}")
        opened += status == 200
        failures += check_headers(url, headers, signed_in=True)
    line = f"  {plan.label}: {len(plan.pages)} pages, {opened} opened, {len(plan.pages) - opened} refused"
    return line, failures, len(plan.pages) + 3, home


def prepare() -> tuple[object, dict[Role, User], User]:
    """The matrix's council (its records and a member of staff in every role) beside the demo council, a
    password and a confirmed authenticator app for the staff of each kind, and for the demo's manager."""
    demo_manager = (
        User.objects.filter(memberships__role=Role.SERVICE_MANAGER, is_active=True).order_by("pk").first()
    )
    assert demo_manager is not None, "load the demo council first"
    builders._counter = itertools.count(900_000)  # numbers clear of the demo's own
    with transaction.atomic():
        council = build_council(builders.organisation("Smoke Test Council", "801"))
        users = {role: council.staff[role] for role in ROLES if role != Role.CARER}
        # the carer signs up from the invitation the matrix's council sent them
        invitation = council.records["portal_access"]
        users[Role.CARER] = portal_services.invitation_accept(token=invitation.new_token, password=PASSWORD)
        for user in [*users.values(), demo_manager]:
            if user.has_usable_password() and user.check_password(PASSWORD):
                TOTPDevice.objects.filter(user=user).delete()
                TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
                continue
            user.set_password(PASSWORD)
            user.save(update_fields=["password"])
            TOTPDevice.objects.filter(user=user).delete()
            TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return council, users, demo_manager


def check_headers(url: str, headers: dict[str, str], signed_in: bool) -> list[str]:
    problems = [f"{url}: no {name}" for name in REQUIRED_HEADERS if name not in headers]
    if "'unsafe-inline'" in headers.get("Content-Security-Policy", ""):
        problems.append(f"{url}: the policy allows 'unsafe-inline'")
    if signed_in and "no-store" not in headers.get("Cache-Control", ""):
        problems.append(f"{url}: a signed-in page without Cache-Control: no-store")
    return problems


def main(base: str) -> int:
    started = time.monotonic()
    council, users, demo_manager = prepare()
    devices = {device.user_id: device for device in TOTPDevice.objects.filter(confirmed=True)}
    records = council.records  # type: ignore[attr-defined]
    org_code = council.organisation.code  # type: ignore[attr-defined]
    failures: list[str] = []
    requests = 0
    # signed out: the public pages, and the static files the layout names
    browser = Browser(base)
    for name in PUBLIC_PAGES:
        url = reverse(name, args=[org_code])
        status, headers, page = browser.request("GET", url)
        requests += 1
        if status != 200:
            failures.append(f"signed out {url}: {status}")
        failures += check_headers(url, headers, signed_in=False)
        for asset in re.findall(r'(?:href|src)="(/static/[^"]+)"', page):
            status, _, _ = browser.request("GET", asset)
            requests += 1
            if status != 200 or not re.search(r"\.[0-9a-f]{12}\.", asset):
                failures.append(f"static file {asset}: {status} (hashed names from the manifest expected)")
    plans = []
    for role, user in users.items():
        perms = ROLE_PERMISSIONS[role]
        if role == Role.CARER:
            # the carer's own portal pages (those without a record in the address), and no staff page
            pages = [
                (name, reverse(name), True)
                for name, (who, kind) in PORTAL_PAGES.items()
                if who in ("carer", "both") and kind is None
            ]
            pages += [
                (name, reverse(name, args=[records[kind].pk]), False)
                for name, (kind, _) in RECORD_PAGES.items()
            ]
            pages += [(name, reverse(name), False) for name in [*LIST_PAGES, *ADD_PAGES]]
            plans.append(Visit(role.value, user, devices[user.pk], pages))
            continue
        pages = [
            (
                name,
                reverse(name, args=[records[kind].pk]),
                reaches(role, user, kind, records[kind]) and (needs is None or needs in perms),
            )
            for name, (kind, needs) in RECORD_PAGES.items()
        ]
        pages += [(name, reverse(name), bool(perms & any_of)) for name, (_, any_of) in LIST_PAGES.items()]
        pages += [(name, reverse(name), perm in perms) for name, perm in ADD_PAGES.items()]
        pages += [(name, reverse(name), True) for name in OPEN_PAGES]
        plans.append(Visit(role.value, user, devices[user.pk], pages))
    # the demo council's manager: the list, report and form pages over the demo's three years of records
    demo_pages = [(name, reverse(name), True) for name in [*LIST_PAGES, *ADD_PAGES, *OPEN_PAGES]]
    plans.append(
        Visit("the demo council's service manager", demo_manager, devices[demo_manager.pk], demo_pages)
    )
    # two at a time, as gunicorn has two workers
    with ThreadPoolExecutor(max_workers=2) as pool:
        for line, more_failures, count, headers in pool.map(lambda plan: visit(base, plan), plans):
            print(line)
            failures += more_failures
            requests += count
            home_headers = headers  # the last plan is the demo manager's
    print(f"headers of {reverse('mywork:home')} (My work) for the demo council's manager:")
    for name in (
        "Content-Security-Policy",
        "Strict-Transport-Security",
        "Cache-Control",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
    ):
        print(f"  {name}: {home_headers.get(name, '(none)')}")
    elapsed = time.monotonic() - started
    print(f"{requests} requests ({len(ROLES)} roles of the matrix and the demo's manager) in {elapsed:.1f}s")
    for failure in failures:
        print(f"FAIL {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
