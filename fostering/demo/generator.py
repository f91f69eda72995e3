"""The demo council generator: one fictional council (or 150 of them) with three years of history.

``build_council`` creates the organisation, then runs the build steps in ``STEPS`` in order, each a
function ``step(ctx: DemoContext) -> None``, all in one transaction. Everything random comes from
``ctx.rng`` (a ``random.Random(seed)``) and ``ctx.faker`` (``Faker("en_GB")`` seeded with
``seed_instance``), and every date from ``ctx.today``: the same seed and today give the same data.

Rows are written with ``bulk_create`` (``ctx.save``), stamped with the organisation and created/modified
times taken from the record's own dates (``ctx.stamp``), and each record family gets one audit event
(``ctx.event``, verb ``demo_created``, no actor), so the bulk path produces the shapes the service
functions would, only much faster.

Adding a step (for a new app, e.g. placements):

1. write ``fostering/demo/placements.py`` with ``def build_placements(ctx: DemoContext) -> None``;
   read what earlier steps made from ``ctx.staff[Role.DUTY_WORKER]``, ``ctx.records["children_in_care"]``,
   ``ctx.records["care_episodes"]``, ``ctx.records["fostering_households"]`` and so on;
2. build model instances, ``ctx.stamp(obj, on=<the date it happened>)`` each, ``ctx.save(objs)``, then
   ``ctx.event(obj, on=...)`` for each new record family (events are written after the step);
3. add the function to ``STEPS`` below, after the steps whose records it uses, and put what later steps
   may need into ``ctx.records``;
4. extend the tests in ``fostering/demo/tests/`` (counts in range, model constraints respected).

A step must use no other randomness than ``ctx.rng``/``ctx.faker`` and no other clock than ``ctx.today``.
A council code that exists already is refused unless ``replace=True``, which deletes that organisation's
data first (``delete_organisation``).
"""

from __future__ import annotations

import random
import string
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError
from faker import Faker

from fostering.accounts.models import Membership, Organisation, Team, User
from fostering.accounts.roles import STAFF_ROLES, Role
from fostering.audit.append_only import rewriting_demo_history
from fostering.audit.models import AuditEvent
from fostering.audit.services import record_type_of
from fostering.core.bulk import insert_rows
from fostering.deadlines.calendar import LONDON

from .archive import build_archive
from .assessments import build_assessments
from .care import build_care_history
from .children import build_children
from .equality import build_equality
from .household_life import build_household_life
from .households import build_households
from .indicators import build_indicators
from .kinship import build_kinship
from .names import MAIN_COUNCIL_CODE, CouncilName, main_council, national_councils, towns_for
from .panel import build_panel
from .payments import build_payments
from .portal import build_portal, portal_login_rows
from .recruitment import build_recruitment
from .referrals import build_referrals
from .sizes import COUNTY, HISTORY_YEARS, SMALL, Size, national_sizes
from .staff import build_children_in_care_staff, build_staff, demo_username
from .visits import build_visits

DEMO_PASSWORD = "demo-password-2026"
BATCH_SIZE = 2000

M = TypeVar("M", bound=models.Model)


class DemoError(Exception):
    """The demo cannot be built as asked (for example the council exists already)."""


@dataclass
class DemoContext:
    """What every build step shares: the randomness, the council, today, and what earlier steps made."""

    rng: random.Random
    faker: Faker
    organisation: Organisation
    council: CouncilName
    today: date
    size: Size
    password_hash: str
    towns: tuple[str, ...]
    staff: dict[Role, list[User]] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)
    records: dict[str, list[Any]] = field(default_factory=lambda: defaultdict(list))
    counts: Counter[str] = field(default_factory=Counter)
    pending_events: list[AuditEvent] = field(default_factory=list)

    @property
    def history_start(self) -> date:
        return self.today - timedelta(days=365 * HISTORY_YEARS + 1)

    @property
    def username_suffix(self) -> str:
        """Usernames are global: the main council's are plain (demo.service_manager), others end .<code>."""
        return "" if self.council.code == MAIN_COUNCIL_CODE else f".{self.council.code}"

    def days_ago(self, low: int, high: int) -> date:
        return self.today - timedelta(days=self.rng.randint(low, high))

    def between(self, start: date, end: date) -> date:
        """A day from start to end inclusive (start if the range is empty)."""
        span = (end - start).days
        return start + timedelta(days=self.rng.randint(0, span)) if span > 0 else start

    def moment(self, on: date) -> datetime:
        """A plausible time in the working day of ``on`` (Europe/London)."""
        minutes = self.rng.randint(8 * 60 + 30, 17 * 60 + 30)
        return datetime.combine(on, time(minutes // 60, minutes % 60), tzinfo=LONDON)

    def stamp(self, obj: M, on: date) -> M:
        """Set the organisation and created/modified times of a row made on ``on``."""
        obj.organisation = self.organisation  # type: ignore[attr-defined]
        at = self.moment(on)
        obj.created_at = at  # type: ignore[attr-defined]
        obj.modified_at = at  # type: ignore[attr-defined]
        return obj

    def save(self, objs: Sequence[M]) -> Sequence[M]:
        """Bulk-create ``objs`` (all of one model); primary keys are set on them afterwards."""
        if objs:
            model = type(objs[0])
            model._default_manager.bulk_create(objs, batch_size=BATCH_SIZE)
            self.counts[model._meta.label] += len(objs)
        return objs

    def insert(self, objs: Sequence[M]) -> None:
        """Insert rows nothing else refers to (checks, visits, audit events...) faster than ``save``:
        one ``executemany``, and no primary keys are read back."""
        if objs:
            insert_rows(objs, batch=BATCH_SIZE * 5)
            self.counts[objs[0]._meta.label] += len(objs)

    def event(
        self,
        obj: models.Model,
        on: date | datetime,
        *,
        verb: str = "demo_created",
        changes: dict[str, Any] | None = None,
        note: str = "",
        label: str | None = None,
    ) -> None:
        """Queue one audit event about ``obj`` (already saved); written in bulk after the step."""
        at = on if isinstance(on, datetime) else self.moment(on)
        self.pending_events.append(
            AuditEvent(
                organisation=self.organisation,
                actor=None,
                at=at,
                verb=verb,
                record_type=record_type_of(obj),
                record_id=str(obj.pk),
                record_label=(label if label is not None else str(obj))[:200],
                changes=changes or {},
                note=note,
            )
        )

    def flush_events(self) -> None:
        events, self.pending_events = self.pending_events, []
        self.insert(events)


Step = Callable[[DemoContext], None]


STEPS: list[Step] = [
    build_staff,
    build_children,
    build_households,
    build_recruitment,
    build_assessments,
    build_kinship,
    build_care_history,
    build_household_life,
    build_equality,
    build_panel,
    build_referrals,
    build_payments,
    build_archive,
    build_indicators,
    build_portal,
    build_children_in_care_staff,
    build_visits,
]
"""The build steps, in order. Later apps append theirs (see the module docstring)."""


# ---------------------------------------------------------------------------------------------------------
# Building


def demo_password_hash(seed: int) -> str:
    """The hash every demo user shares, made once. Its salt comes from the seed, so a build is repeatable,
    and is as long as Django's own (24 characters), so signing in does not rehash the password (which
    would sign out the other sessions of the same demo user)."""
    salt_rng = random.Random(f"password-salt:{seed}")
    salt = "".join(salt_rng.choice(string.ascii_letters + string.digits) for _ in range(24))
    return make_password(DEMO_PASSWORD, salt=salt)


def seed_for(seed: int, index: int) -> int:
    """The seed of the index-th council of a national build (the first is the county build itself)."""
    return seed if index == 0 else seed * 1000 + index


def make_context(
    *,
    organisation: Organisation,
    council: CouncilName,
    size: Size,
    seed: int,
    today: date,
    password_hash: str,
) -> DemoContext:
    rng = random.Random(seed)
    faker = Faker("en_GB")
    faker.seed_instance(seed)
    return DemoContext(
        rng=rng,
        faker=faker,
        organisation=organisation,
        council=council,
        today=today,
        size=size,
        password_hash=password_hash,
        towns=towns_for(random.Random(f"towns:{seed}"), council),
    )


def build_council(
    *,
    council: CouncilName,
    size: Size,
    seed: int,
    today: date,
    password_hash: str | None = None,
    replace: bool = False,
    steps: Iterable[Step] | None = None,
) -> Counter[str]:
    """Build one council; return how many rows of each model it made (``"app.Model" -> count``)."""
    with transaction.atomic():
        _make_room([council], replace=replace)
        organisation = Organisation.objects.create(
            name=council.name, code=council.code, kind=Organisation.Kind.COUNCIL, region=council.region
        )
        ctx = make_context(
            organisation=organisation,
            council=council,
            size=size,
            seed=seed,
            today=today,
            password_hash=password_hash or demo_password_hash(seed),
        )
        ctx.counts["accounts.Organisation"] += 1
        for step in STEPS if steps is None else steps:
            step(ctx)
            ctx.flush_events()
    return ctx.counts


def build_scale(
    scale: str,
    *,
    seed: int,
    today: date,
    replace: bool = False,
    progress: Callable[[int, int, CouncilName, Counter[str], float], None] | None = None,
) -> Counter[str]:
    """Build the ``small`` or ``county`` council, or the 150 councils of ``national``; the total counts."""
    import time as time_

    password_hash = demo_password_hash(seed)
    if scale == "national":
        plan_rng = random.Random(f"national:{seed}")
        councils = national_councils(plan_rng, 150)
        sizes = national_sizes(plan_rng, len(councils))
    elif scale in ("county", "small"):
        councils, sizes = [main_council()], [COUNTY if scale == "county" else SMALL]
    else:
        raise DemoError(f"Unknown scale {scale!r}: choose small, county or national")
    with transaction.atomic():
        _make_room(councils, replace=replace)
    total: Counter[str] = Counter()
    for index, (council, size) in enumerate(zip(councils, sizes, strict=True)):
        started = time_.perf_counter()
        counts = build_council(
            council=council, size=size, seed=seed_for(seed, index), today=today, password_hash=password_hash
        )
        total += counts
        if progress is not None:
            progress(index + 1, len(councils), council, counts, time_.perf_counter() - started)
    return total


def _make_room(councils: Sequence[CouncilName], *, replace: bool) -> None:
    codes = [c.code for c in councils]
    names = [c.name for c in councils]
    existing = list(Organisation.objects.filter(models.Q(code__in=codes) | models.Q(name__in=names)))
    if existing and not replace:
        listed = ", ".join(f"{org.name} ({org.code})" for org in existing[:5])
        more = f" and {len(existing) - 5} more" if len(existing) > 5 else ""
        raise DemoError(
            f"The demo council already exists: {listed}{more}. Run again with --replace to delete its data "
            "and build it afresh."
        )
    for org in existing:
        delete_organisation(org)


@transaction.atomic
def delete_organisation(organisation: Organisation) -> None:
    """Delete an organisation, every record that belongs to it, and the users who work only there.

    Every model with a foreign key to Organisation is emptied of that organisation's rows, retrying in
    passes so that protected references (a household's members, a child named in terms of approval) go
    first, whatever apps are installed.
    """
    user_ids = set(Membership.objects.filter(organisation=organisation).values_list("user_id", flat=True))
    elsewhere = set(
        Membership.objects.filter(user_id__in=user_ids)
        .exclude(organisation=organisation)
        .values_list("user_id", flat=True)
    )
    pending: list[tuple[type[models.Model], str]] = [
        (model, f.name)
        for model in apps.get_models()
        for f in model._meta.get_fields()
        if getattr(f, "concrete", False)
        and f.is_relation
        and f.many_to_one
        and f.related_model is Organisation
    ]
    with rewriting_demo_history():  # its audit events go too
        for _ in range(len(pending) + 1):
            if not pending:
                break
            still: list[tuple[type[models.Model], str]] = []
            for model, name in pending:
                try:
                    with transaction.atomic():
                        model._base_manager.filter(**{name: organisation}).delete()
                except (ProtectedError, RestrictedError):
                    still.append((model, name))
            if len(still) == len(pending):
                blocked = ", ".join(model._meta.label for model, _ in still)
                raise DemoError(
                    f"Could not delete {organisation}: records of {blocked} are still referred to"
                )
            pending = still
        User.objects.filter(pk__in=user_ids - elsewhere).delete()
        organisation.delete()


# ---------------------------------------------------------------------------------------------------------
# Logins


def login_rows(organisation: Organisation) -> list[tuple[str, str, str]]:
    """(role, username, name) of the demo login of each staff role of an organisation."""
    wanted = {demo_username(role, organisation.code): role for role in Role if role in STAFF_ROLES}
    users = {u.username: u for u in User.objects.filter(username__in=wanted)}
    return [
        (role.label, username, users[username].get_full_name())
        for username, role in wanted.items()
        if username in users
    ] + portal_login_rows(organisation.pk)


def format_login_table(organisation: Organisation) -> str:
    rows = login_rows(organisation)
    header = ("Role", "Username", "Name")
    widths = [max(len(header[i]), *(len(row[i]) for row in rows)) for i in range(3)] if rows else [4, 8, 4]
    line = "  ".join("-" * w for w in widths)
    out = [
        f"Demo logins for {organisation.name} ({organisation.code}); every password is {DEMO_PASSWORD}."
        " Carers and applicants sign in on the same page and land in their portal (/my/)",
        "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip(),
        line,
    ]
    out += ["  ".join(value.ljust(w) for value, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    return "\n".join(out)
