"""Page benchmark: build the demo data in a scratch database, serve it with gunicorn on loopback, load it
with locust for a fixed time, print p50/p95 per page beside the bare page's, and stop everything.

    .venv/bin/python bench/pages.py                      # national scale, 20 users, 30 s, SQLite
    .venv/bin/python bench/pages.py --scale county --duration 20
    .venv/bin/python bench/pages.py --skip-build         # reuse the database of the last run
    DATABASE_URL=postgres://postgres@127.0.0.1:54330/postgres .venv/bin/python bench/pages.py

Without DATABASE_URL the database is a fresh SQLite file, var/bench/bench-<scale>.sqlite3. The CSV files
locust writes are kept in var/bench/. See bench/README.md.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
BIN = Path(sys.executable).parent
MAX_USERS = 200
MAX_SECONDS = 600
PAGES = [
    "/ (My work)",
    "/households/",
    "/households/<id>/",
    "/children/",
    "/children/<id>/",
    "/people/",
    "/indicators/",
]
BARE = "/health/bare/"
# Who signs in: these roles, in the main council and (national scale) three more councils.
ROLES = ["supervising_social_worker", "service_manager", "duty_worker"]
NATIONAL_CODES = ["990", "801", "802", "803"]


def seconds(value: str) -> int:
    match = re.fullmatch(r"(\d+)\s*([sm]?)", value.strip())
    if not match:
        raise argparse.ArgumentTypeError("give a duration like 30, 30s or 2m")
    total = int(match.group(1)) * (60 if match.group(2) == "m" else 1)
    if not 5 <= total <= MAX_SECONDS:
        raise argparse.ArgumentTypeError(f"the duration must be between 5 s and {MAX_SECONDS} s")
    return total


def users(value: str) -> int:
    count = int(value)
    if not 1 <= count <= MAX_USERS:
        raise argparse.ArgumentTypeError(f"between 1 and {MAX_USERS} users")
    return count


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(cmd: list[str], env: dict[str, str], timeout: int) -> None:
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, timeout=timeout)


def build(args: argparse.Namespace, env: dict[str, str], sqlite_file: Path | None) -> None:
    if sqlite_file is not None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    run([sys.executable, "manage.py", "migrate", "--no-input", "-v0"], env, timeout=600)
    migrated = time.perf_counter()
    command = [sys.executable, "manage.py", "demo_council", "--scale", args.scale, "--seed", str(args.seed)]
    run([*command, "--quiet", "--replace"], env, timeout=1800)
    done = time.perf_counter()
    print(f"Migrated in {migrated - started:.1f} s; built the {args.scale} demo in {done - migrated:.1f} s")


def wait_until_up(url: str, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped (exit code {server.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer {url} within {timeout:.0f} s")


def stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=5)


def read_stats(path: Path) -> dict[str, dict[str, str]]:
    with path.open(newline="") as handle:
        return {row["Name"]: row for row in csv.DictReader(handle)}


def report(stats: dict[str, dict[str, str]]) -> str:
    bare = stats.get(BARE, {})
    header = f"{'page':<20} {'requests':>8} {'failures':>8} {'p50 ms':>7} {'p95 ms':>7}"
    header += f"   {'bare p50':>8} {'bare p95':>8}"
    lines = [header, "-" * len(header)]
    for name in [*PAGES, BARE]:
        row = stats.get(name)
        if row is None:
            lines.append(f"{name:<20} {'(not requested)':>17}")
            continue
        lines.append(
            f"{name:<20} {row['Request Count']:>8} {row['Failure Count']:>8} {row['50%']:>7} {row['95%']:>7}"
            f"   {bare.get('50%', '-'):>8} {bare.get('95%', '-'):>8}"
        )
    total = stats.get("Aggregated")
    if total is not None:
        rate = float(total["Requests/s"])
        lines.append(
            f"{'all requests':<20} {total['Request Count']:>8} {total['Failure Count']:>8} "
            f"{total['50%']:>7} {total['95%']:>7}   ({rate:.0f} requests/s)"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", choices=["county", "national"], default="national")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--users", type=users, default=20, help=f"simulated users (at most {MAX_USERS})")
    parser.add_argument("--duration", type=seconds, default=30, help="how long to load, e.g. 30s or 2m")
    parser.add_argument("--skip-build", action="store_true", help="use the database as it is")
    parser.add_argument(
        "--port", type=int, default=0, help="loopback port for gunicorn (default: a free one)"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()

    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    sqlite_file: Path | None = None
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url:
        sqlite_file = BENCH_DIR / f"bench-{args.scale}.sqlite3"
        database_url = f"sqlite:///{sqlite_file}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DJANGO_DEBUG": "false",
        "DATABASE_URL": database_url,
        "FOSTERING_REQUIRE_2FA": "false",
        "AXES_FAILURE_LIMIT": "1000",
        # Persistent connections, as a production server would have (PostgreSQL pays for each new one).
        "DATABASE_CONN_MAX_AGE": os.environ.get("DATABASE_CONN_MAX_AGE", "60"),
    }
    shown_url = re.sub(r"//[^@/]*@", "//", database_url)
    print(f"Database: {shown_url}")
    if args.skip_build:
        if sqlite_file is not None and not sqlite_file.exists():
            raise SystemExit(f"{sqlite_file} does not exist: run without --skip-build first")
    else:
        build(args, env, sqlite_file)

    codes = NATIONAL_CODES if args.scale == "national" else ["990"]
    logins = [f"demo.{role}" + ("" if code == "990" else f".{code}") for code in codes for role in ROLES]
    port = args.port or free_port()
    host = f"http://127.0.0.1:{port}"
    prefix = BENCH_DIR / f"{args.scale}-{time.strftime('%Y%m%d-%H%M%S')}"
    gunicorn = [str(BIN / "gunicorn"), "config.wsgi", "-w", str(args.workers), "--threads", str(args.threads)]
    gunicorn += ["-b", f"127.0.0.1:{port}", "--log-level", "warning", "--timeout", "60"]
    locust = [str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless", "--host", host]
    locust += ["-u", str(args.users), "-r", str(args.users), "-t", f"{args.duration}s", "--stop-timeout", "5"]
    locust += ["--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"]
    with (
        Path(f"{prefix}_gunicorn.log").open("wb") as server_log,
        Path(f"{prefix}_locust.log").open("wb") as locust_log,
    ):
        server = subprocess.Popen(
            gunicorn, cwd=ROOT, env=env, start_new_session=True, stdout=server_log, stderr=subprocess.STDOUT
        )
        try:
            wait_until_up(f"{host}{BARE}", server)
            print(f"gunicorn on {host} ({args.workers} workers x {args.threads} threads); {args.users} users")
            print(f"for {args.duration} s, signed in as {', '.join(logins)}")
            subprocess.run(
                locust,
                cwd=ROOT,
                env={**env, "BENCH_LOGINS": ",".join(logins)},
                check=False,
                timeout=args.duration + 120,
                stdout=locust_log,
                stderr=subprocess.STDOUT,
            )
        finally:
            stop(server)
    stats_file = Path(f"{prefix}_stats.csv")
    if not stats_file.exists():
        raise SystemExit("locust wrote no statistics")
    print()
    print(
        f"Response times in ms ({args.scale} scale, {args.users} users, {args.duration} s); CSV: {stats_file}"
    )
    print(report(read_stats(stats_file)))
    failures = Path(f"{prefix}_failures.csv")
    with failures.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        print(f"  failed {row['Occurrences']} x {row['Method']} {row['Name']}: {row['Error']}")
    print(f"Logs: {prefix}_gunicorn.log, {prefix}_locust.log")
    return 1 if rows else 0


if __name__ == "__main__":
    sys.exit(main())
