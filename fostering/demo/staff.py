"""Build step: the council's teams and staff, one membership each, every staff role present.

Each role has one predictable login, ``demo.<role>`` (``demo.<role>.<code>`` outside the main council);
the other staff are ``firstname.lastname``. Every demo user has the same password, hashed once.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from fostering.accounts.models import Membership, Team, User
from fostering.accounts.roles import STAFF_ROLES, Role

from . import names
from .names import MAIN_COUNCIL_CODE

if TYPE_CHECKING:
    from .generator import DemoContext

TEAM_OF_ROLE: dict[Role, str] = {
    Role.RECRUITMENT_COORDINATOR: "Recruitment",
    Role.INITIAL_VISIT_WORKER: "Recruitment",
    Role.ASSESSMENT_MANAGER: "Assessment",
    Role.ASSESSING_SOCIAL_WORKER: "Assessment",
    Role.KINSHIP_WORKER: "Kinship",
    Role.SUPERVISING_SOCIAL_WORKER: "Team Around the Child",
    Role.DUTY_WORKER: "Duty",
    Role.REVIEWING_OFFICER: "Reviewing",
    Role.PANEL_CHAIR: "Fostering panel",
    Role.PANEL_MEMBER: "Fostering panel",
    Role.PANEL_ADVISER: "Fostering panel",
    Role.PANEL_ADMINISTRATOR: "Fostering panel",
    Role.AGENCY_DECISION_MAKER: "Service management",
    Role.DPST_WORKER: "Dedicated Placement Support Team",
    Role.IV_COORDINATOR: "Independent visitors",
    Role.TRAINING_COORDINATOR: "Training",
    Role.PAYMENTS_OFFICER: "Payments",
    Role.SERVICE_MANAGER: "Service management",
    Role.CHILDS_SOCIAL_WORKER: "Children's social work",
    Role.IRO: "Independent reviewing service",
    Role.IRO_MANAGER: "Independent reviewing service",
    Role.PERSONAL_ADVISER: "Leaving care",
}
# Roles added after the first builds: made by ``build_children_in_care_staff``, a later step, so the
# randomness every earlier step draws (and the demo it makes) is as it was.
LATER_ROLES = (Role.IRO, Role.IRO_MANAGER, Role.PERSONAL_ADVISER)
# Roles whose work the history attributes to them (visits, reviews, children): they started before it.
CASEWORK_ROLES = frozenset(
    {
        Role.SUPERVISING_SOCIAL_WORKER,
        Role.REVIEWING_OFFICER,
        Role.CHILDS_SOCIAL_WORKER,
        Role.SERVICE_MANAGER,
        Role.IRO,
        Role.PERSONAL_ADVISER,
    }
)


def demo_username(role: Role, code: str = MAIN_COUNCIL_CODE) -> str:
    """The one predictable login per role: demo.<role> in the main council, demo.<role>.<code> elsewhere."""
    return f"demo.{role.value}" + ("" if code == MAIN_COUNCIL_CODE else f".{code}")


def _job_title(role: Role, index: int) -> str:
    if role == Role.PANEL_CHAIR and index > 0:
        return "Panel vice chair"
    if role == Role.SUPERVISING_SOCIAL_WORKER and index == 1:
        return "Senior supervising social worker"
    return role.label


def build_staff(ctx: DemoContext) -> None:
    team_names = sorted({TEAM_OF_ROLE[role] for role in STAFF_ROLES if role not in LATER_ROLES})
    teams = [Team(organisation=ctx.organisation, name=name) for name in team_names]
    ctx.save(teams)
    ctx.teams = {team.name: team for team in teams}
    _make_staff(ctx, [role for role in Role if role in STAFF_ROLES and role not in LATER_ROLES])


def build_children_in_care_staff(ctx: DemoContext) -> None:
    """The IROs, their manager and the personal advisers (about one IRO for 60 children in care)."""
    new = sorted({TEAM_OF_ROLE[role] for role in LATER_ROLES} - set(ctx.teams))
    teams = [Team(organisation=ctx.organisation, name=name) for name in new]
    ctx.save(teams)
    ctx.teams |= {team.name: team for team in teams}
    _make_staff(ctx, list(LATER_ROLES))


def _make_staff(ctx: DemoContext, roles: list[Role]) -> None:
    from .generator import DemoError

    rng, faker = ctx.rng, ctx.faker
    domain = f"{names.username_part(ctx.council.stem)}.example"
    taken: set[str] = set()
    planned: list[tuple[Role, int, User]] = []
    for role in roles:
        for index in range(ctx.size.staff.get(role, 1)):
            ethnicity = names.weighted(rng, names.ADULT_ETHNICITY_WEIGHTS)
            pool = names.pool_for(ethnicity)
            sex = "F" if rng.random() < 0.78 else "M"  # social work is a mostly female profession
            first = names.first_name(rng, faker, sex, pool)
            last = names.last_name(rng, faker, pool)
            if index == 0:
                username = demo_username(role, ctx.council.code)
            else:
                base = f"{names.username_part(first)}.{names.username_part(last)}"
                username, n = base, 1
                while username + ctx.username_suffix in taken:
                    n += 1
                    username = f"{base}{n}"
                username += ctx.username_suffix
            taken.add(username)
            if role in CASEWORK_ROLES or index == 0 or rng.random() < 0.85:
                started_on = ctx.history_start - timedelta(days=rng.randint(30, 5000))
            else:
                started_on = ctx.between(ctx.history_start, ctx.today - timedelta(days=30))
            user = User(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username.removeprefix('demo.').split('.' + ctx.council.code)[0]}@{domain}",
                password=ctx.password_hash,
                is_active=True,
                job_title=_job_title(role, index),
                date_joined=ctx.moment(started_on),
            )
            user._demo_started_on = started_on  # type: ignore[attr-defined]
            planned.append((role, index, user))

    clash = list(User.objects.filter(username__in=taken).values_list("username", flat=True)[:5])
    if clash:
        raise DemoError(
            f"Users {', '.join(clash)} exist already (left from another build?): delete them or run with --replace"
        )
    ctx.save([user for _, _, user in planned])
    memberships = [
        Membership(
            user=user,
            organisation=ctx.organisation,
            role=role,
            team=ctx.teams[TEAM_OF_ROLE[role]],
            started_on=user._demo_started_on,  # type: ignore[attr-defined]
        )
        for role, _, user in planned
    ]
    ctx.insert(memberships)
    for role, _, user in planned:
        ctx.staff.setdefault(role, []).append(user)
        ctx.event(
            user,
            user.date_joined,
            changes={"role": [None, role.value], "organisation": [None, ctx.organisation.name]},
        )
