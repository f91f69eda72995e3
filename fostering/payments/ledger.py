"""What a run pays: for each household, child, purpose and month of service, what is owed less what was paid.

Pure functions. A month nothing was paid for gets the owed pieces as lines (payments for the run's own
month, arrears for an earlier one: a placement recorded late). A month already paid is compared day by day
(weekly equivalents, so nights and weeks add up): days owed more become arrears lines (a backdated fee
level, a birthday band, a rate put right), days paid more become recovery lines (a placement's end recorded
after it was paid). The lines of a month always bring what was paid to exactly what is owed: when the
pennies of separately rounded lines do not add up, a rounding adjustment line says so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import pairwise

from .choices import LineKind
from .entitlements import ONE_DAY, DayPay, Key, Piece, line_amount, month_start


@dataclass(frozen=True)
class PaidLine:
    """A committed line, as the ledger remembers it."""

    key: Key
    service_month: date
    from_on: date
    to_on: date
    rate: Decimal  # signed: a recovery's rate is negative
    nightly: bool
    amount: Decimal

    @property
    def weekly(self) -> Decimal:
        return self.rate * 7 if self.nightly else self.rate


@dataclass(frozen=True)
class DraftLine:
    key: Key
    service_month: date
    kind: str
    from_on: date
    to_on: date
    days: int
    rate: Decimal
    nightly: bool
    amount: Decimal
    rate_key: str
    basis: str
    paid_weekly: Decimal | None = None  # for arrears and recoveries: what was paid a week on those days
    owed: DayPay | None = None


def _normal(piece: Piece, kind: str) -> DraftLine:
    pay = piece.pay
    return DraftLine(
        piece.key,
        month_start(piece.from_on),
        kind,
        piece.from_on,
        piece.to_on,
        piece.days,
        pay.rate,
        pay.nightly,
        piece.amount,
        pay.rate_key,
        pay.basis,
        owed=pay,
    )


def _differences(
    key: Key, month: date, owed: list[Piece], paid: list[PaidLine], nightly: bool
) -> list[DraftLine]:
    points: set[date] = set()
    for span in [(p.from_on, p.to_on) for p in owed] + [(b.from_on, b.to_on) for b in paid]:
        points |= {span[0], span[1] + ONE_DAY}
    ordered = sorted(points)
    lines: list[DraftLine] = []
    for a, b in pairwise(ordered):
        owed_here = next((p.pay for p in owed if p.from_on <= a <= p.to_on), None)
        paid_weekly = sum((line.weekly for line in paid if line.from_on <= a <= line.to_on), Decimal(0))
        owed_weekly = owed_here.weekly if owed_here else Decimal(0)
        diff = owed_weekly - paid_weekly
        if diff == 0:
            continue
        last = lines[-1] if lines else None
        if last and last.to_on + ONE_DAY == a and last.paid_weekly == paid_weekly and last.owed == owed_here:
            days = last.days + (b - a).days
            lines[-1] = DraftLine(
                key, month, last.kind, last.from_on, b - ONE_DAY, days, last.rate, nightly,
                line_amount(last.rate, days, nightly=nightly), last.rate_key, last.basis, paid_weekly, owed_here,
            )  # fmt: skip
            continue
        rate = diff / 7 if nightly else diff
        days = (b - a).days
        lines.append(
            DraftLine(
                key,
                month,
                LineKind.ARREARS if diff > 0 else LineKind.RECOVERY,
                a,
                b - ONE_DAY,
                days,
                rate,
                nightly,
                line_amount(rate, days, nightly=nightly),
                owed_here.rate_key if owed_here else "",
                owed_here.basis if owed_here else "",
                paid_weekly,
                owed_here,
            )
        )
    return lines


def run_lines(
    owed: dict[tuple[Key, date], list[Piece]],
    paid: dict[tuple[Key, date], list[PaidLine]],
    *,
    since: date,
    period: date,
) -> list[DraftLine]:
    """The lines of a run for ``period``, looking back to the month starting ``since``."""
    lines: list[DraftLine] = []
    for key, month in sorted(set(owed) | set(paid)):
        if not since <= month <= period:
            continue
        pieces = sorted(owed.get((key, month), []), key=lambda p: p.from_on)
        before = paid.get((key, month), [])
        if not before:
            kind = LineKind.NORMAL if month == period else LineKind.ARREARS
            lines.extend(_normal(piece, kind) for piece in pieces)
            continue
        difference = sum((p.amount for p in pieces), Decimal(0)) - sum((b.amount for b in before), Decimal(0))
        if difference == 0:
            continue
        nightly = any(p.pay.nightly for p in pieces) or any(b.nightly for b in before)
        found = _differences(key, month, pieces, before, nightly)
        remainder = difference - sum((line.amount for line in found), Decimal(0))
        if remainder:
            found.append(
                DraftLine(
                    key, month, LineKind.ADJUSTMENT, month, month, 0, Decimal(0), False, remainder, "", ""
                )
            )
        lines.extend(found)
    return lines


def paid_by_key_and_month(lines: Iterable[PaidLine]) -> dict[tuple[Key, date], list[PaidLine]]:
    out: dict[tuple[Key, date], list[PaidLine]] = defaultdict(list)
    for line in lines:
        out[(line.key, line.service_month)].append(line)
    return out
