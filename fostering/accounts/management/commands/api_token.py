"""Issue an API token for a member of staff: ``manage.py api_token USERNAME`` prints it, once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fostering.accounts.models import User
from fostering.accounts.permissions import Perm, has_perm
from fostering.accounts.services import api_token_issue


class Command(BaseCommand):
    help = "Print a new API token for the user; only its hash is stored, so it cannot be shown again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="The member of staff's username")
        parser.add_argument("--name", default="", help="What the token is for, shown on their account page")
        parser.add_argument(
            "--days", type=int, default=None, help="Days until it expires (default FOSTERING_API_TOKEN_DAYS)"
        )

    def handle(self, *args: Any, username: str, name: str, days: int | None, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user with the username {username!r}.")
        if not user.is_active:
            raise CommandError(f"{username} is not active, so a token would not work.")
        if days is not None and not 1 <= days <= 366:
            raise CommandError("--days must be between 1 and 366.")
        token = api_token_issue(user=user, by=None, name=name, days=days)
        if not has_perm(user, Perm.USE_API):
            self.stderr.write(
                f"Warning: {username} holds no role that may use the API; requests will be refused (403)."
            )
        self.stdout.write(token)
