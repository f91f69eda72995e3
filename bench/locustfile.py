"""Locust users for the page benchmark: demo staff sign in and read the main pages.

Run by ``bench/pages.py`` (which builds the data and starts gunicorn); it can also be run by hand against
a server holding the demo data:

    BENCH_LOGINS=demo.supervising_social_worker,demo.service_manager \\
        .venv/bin/locust -f bench/locustfile.py --headless -u 10 -r 10 -t 20s --host http://127.0.0.1:8000

Each simulated user signs in as one of ``BENCH_LOGINS`` (comma separated; password ``BENCH_PASSWORD``),
collects the households and children its role can see from the first page of each list, then fetches
My work, the lists and the detail pages, and the bare page ``/health/bare/`` (the floor: Django with no
database work) in the same run, so the two can be compared. Requests are grouped by page name, with
``<id>`` in place of the record's id. The statistics are reset when the last user has signed in.
"""

from __future__ import annotations

import itertools
import os
import random
import re

from locust import HttpUser, between, task

LOGINS = [
    name.strip() for name in os.environ.get("BENCH_LOGINS", "demo.service_manager").split(",") if name.strip()
]
PASSWORD = os.environ.get("BENCH_PASSWORD", "demo-password-2026")
_next_login = itertools.count()
_signed_in = itertools.count(1)

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
HOUSEHOLD_RE = re.compile(r'href="/households/(\d+)/"')
CHILD_RE = re.compile(r'href="/children/(\d+)/"')


class StaffUser(HttpUser):
    wait_time = between(0.2, 0.8)

    def on_start(self) -> None:
        self.username = LOGINS[next(_next_login) % len(LOGINS)]
        self.household_ids: list[str] = []
        self.child_ids: list[str] = []
        self.can_see_children = False
        self.can_see_indicators = False
        page = self.client.get("/accounts/login/", name="login form")
        match = CSRF_RE.search(page.text)
        if match is None:
            raise RuntimeError("No CSRF token on the login page")
        with self.client.post(
            "/accounts/login/",
            data={"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": match.group(1)},
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="login",
            catch_response=True,
        ) as response:
            signed_in = response.url is not None and "/accounts/login/" not in response.url
            if not signed_in:
                response.failure(f"Could not sign in as {self.username} (HTTP {response.status_code})")
        self._all_signed_in()
        if not signed_in:
            return
        households = self.client.get("/households/", name="/households/")
        self.household_ids = sorted(set(HOUSEHOLD_RE.findall(households.text)))
        with self.client.get("/children/", name="/children/", catch_response=True) as response:
            if response.status_code == 403:  # supervising social workers do not see children's files
                response.success()
            else:
                self.can_see_children = True
                self.child_ids = sorted(set(CHILD_RE.findall(response.text)))

        with self.client.get("/indicators/", name="/indicators/", catch_response=True) as response:
            if response.status_code == 403:  # only managers read the dashboard
                response.success()
            else:
                self.can_see_indicators = True

    def _all_signed_in(self) -> None:
        """Signing in is slow on purpose (PBKDF2) and crowds out the pages at the start, so the statistics
        start again once the last simulated user has tried to sign in: they describe the steady state."""
        runner = self.environment.runner
        target = getattr(runner, "target_user_count", 0) if runner is not None else 0
        if next(_signed_in) == target:
            self.environment.stats.reset_all()

    def page(self, path: str, name: str) -> None:
        """GET a page; a redirect to the login page (a lost session) counts as a failure."""
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.url and "/accounts/login/" in response.url:
                response.failure("Redirected to the login page")

    @task(3)
    def my_work(self) -> None:
        self.page("/", "/ (My work)")

    @task(2)
    def household_list(self) -> None:
        self.page("/households/", "/households/")

    @task(3)
    def household_detail(self) -> None:
        if self.household_ids:
            self.page(f"/households/{random.choice(self.household_ids)}/", "/households/<id>/")

    @task(1)
    def child_list(self) -> None:
        if self.can_see_children:
            self.page("/children/", "/children/")

    @task(2)
    def child_detail(self) -> None:
        if self.child_ids:
            self.page(f"/children/{random.choice(self.child_ids)}/", "/children/<id>/")

    @task(1)
    def people_list(self) -> None:
        self.page("/people/", "/people/")

    @task(1)
    def dashboard(self) -> None:
        if self.can_see_indicators:
            self.page("/indicators/", "/indicators/")

    @task(3)
    def bare(self) -> None:
        self.page("/health/bare/", "/health/bare/")
