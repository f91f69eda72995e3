"""The kinds of long work, registered by the app that owns each (as My work providers are): what it is
called, who may start and see it, and the function that does it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fostering.accounts.permissions import Perm

if TYPE_CHECKING:
    from .models import Job


class Progress:
    """Handed to a job's function: ``progress(2, 4, "Running the DfE rules")`` saves how far it has got."""

    def __init__(self, job: Job) -> None:
        self.job = job

    def __call__(self, done: int, total: int, text: str) -> None:
        from .services import job_progress

        job_progress(job=self.job, done=done, total=total, text=text)


@dataclass(frozen=True)
class Outcome:
    """What a finished job produced: a link to it, and the finding in a sentence (a warning if incomplete).
    A job that makes a file gives it as ``file`` (its name and bytes) and no url: the link is its download."""

    url: str
    label: str
    summary: str = ""
    warning: bool = False
    file: tuple[str, bytes] | None = None


@dataclass(frozen=True)
class JobKind:
    name: str
    label: str
    perm: Perm  # needed to start it, and to see it
    run: Callable[[Job, Progress], Outcome]


_KINDS: dict[str, JobKind] = {}


def register_job_kind(name: str, *, label: str, perm: Perm, run: Callable[[Job, Any], Outcome]) -> None:
    _KINDS[name] = JobKind(name=name, label=label, perm=perm, run=run)


def kind_of(name: str) -> JobKind:
    return _KINDS[name]


def kinds() -> dict[str, JobKind]:
    return dict(_KINDS)
