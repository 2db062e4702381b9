"""Practice mode at scale, on PostgreSQL (issue 12): a practice of 2,000 clients with a year of daily data each.

Prints, in one run:
1. the dashboard (GET /api/practice/clients) of a practitioner with 40 clients: p50 and p95 when the database
   holds 10% of the history (the last 36 days of every client), then 100% (the whole year). Goal: ratio <= 1.5,
   i.e. the dashboard reads through indexes, not scans;
2. a mixed load on `crest serve --practice --workers 2` over loopback at 200 requests/s (open loop: each request
   leaves at its time whatever the earlier ones do): clients writing check-ins and session checkpoints,
   practitioners reading their dashboards; p50 and p99.

The data is written with COPY straight into the tables (a year of 2,000 clients is 730,000 sessions); sign-in
sessions are made in the database, so no argon2 hashing is timed. The database is created and dropped.

    . /work/pg.env; python bench/practice_load.py [--quick] [--database-url URL]
--quick: 400 clients (10 practitioners) and 6 s of mixed load, for a first look.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import psycopg
from sqlalchemy.engine import make_url

SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))

from crest.journal.store import Journal  # noqa: E402

CLIENTS_PER_PRACTITIONER = 40
DAYS = 365
GOAL_RATIO = 1.5
RATE = 200
NOW = datetime.now(UTC).replace(microsecond=0)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _copy(connection: psycopg.Connection, table: str, columns: str, rows: Iterator[tuple[object, ...]]) -> int:
    count = 0
    with connection.cursor().copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def build_practice(connection: psycopg.Connection, clients: int) -> dict[str, object]:
    """The practice, its practitioners and clients, consented links and prescriptions, and sign-in sessions."""
    practitioners = clients // CLIENTS_PER_PRACTITIONER
    cursor = connection.cursor()
    cursor.execute("INSERT INTO practices (name, created_at) VALUES ('Bench Practice', %s) RETURNING id", (NOW,))
    practice_id = cursor.fetchone()[0]  # type: ignore[index]
    first_person = cursor.execute("SELECT COALESCE(MAX(id), 1) + 1 FROM people").fetchone()[0]  # type: ignore[index]
    _copy(connection, "people", "id, created_at", ((first_person + n, NOW) for n in range(clients)))
    cursor.execute("SELECT setval(pg_get_serial_sequence('people', 'id'), %s)", (first_person + clients,))
    hashed = "$argon2id$v=19$m=8,t=1,p=1$YmVuY2hzYWx0$dW51c2VkLW5vLXNpZ24taW4taXMtdGltZWQ"  # never checked here
    accounts = [(f"p{n}@bench.example", f"Practitioner {n}", None) for n in range(practitioners)]
    accounts += [(f"c{n}@bench.example", f"Client {n:04d}", first_person + n) for n in range(clients)]
    _copy(
        connection,
        "accounts",
        "id, email, name, password_hash, person_id, created_at",
        ((index + 1000, email, name, hashed, person, NOW) for index, (email, name, person) in enumerate(accounts)),
    )
    _copy(
        connection,
        "memberships",
        "id, practice_id, account_id, role, created_at",
        (
            (index + 1000, practice_id, index + 1000, "practitioner" if index < practitioners else "client", NOW)
            for index in range(len(accounts))
        ),
    )
    # Practitioners must have two-step sign-in (else every page answers "set it up first"): an app each, never
    # asked here, as the sessions below are made directly.
    _copy(
        connection,
        "second_factors",
        "account_id, secret, created_at, confirmed_at",
        ((index + 1000, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", NOW, NOW) for index in range(practitioners)),
    )
    start = NOW - timedelta(days=DAYS)
    _copy(
        connection,
        "care_links",
        "id, practice_id, practitioner_membership_id, client_membership_id, created_at, consent_granted_at, "
        "share_notes",
        (
            (n + 1000, practice_id, 1000 + n // CLIENTS_PER_PRACTITIONER, 1000 + practitioners + n, start, start, False)
            for n in range(clients)
        ),
    )
    _copy(
        connection,
        "prescriptions",
        "person_id, care_link_id, version, variant, minutes, sessions_per_day, days_per_week, start_on, "
        "prescribed_by, created_at",
        (
            (first_person + n, n + 1000, 1, "standard", 15, 1, 7, start.date(), "Practitioner", start)
            for n in range(clients)
        ),
    )
    tokens = {f"p{n}": uuid.uuid4().hex for n in range(practitioners)} | {
        f"c{n}": uuid.uuid4().hex for n in range(clients)
    }
    _copy(
        connection,
        "auth_sessions",
        "token_hash, account_id, created_at, last_seen_at, expires_at",
        (
            (
                _token_hash(token),
                1000 + (int(key[1:]) if key[0] == "p" else practitioners + int(key[1:])),
                NOW,
                NOW,
                NOW + timedelta(days=1),
            )
            for key, token in tokens.items()
        ),
    )
    for table in ("accounts", "memberships", "care_links"):
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
    connection.commit()
    return {"first_person": first_person, "tokens": tokens, "clients": clients, "practitioners": practitioners}


def fill_history(connection: psycopg.Connection, world: dict[str, object], first_day: int, last_day: int) -> int:
    """Days `first_day`..`last_day` back from today (0 is today): a session and an "after" check-in with two pain
    ratings a day, a PSFS round every 14 days, the safety answers at the start."""
    first_person = int(world["first_person"])  # type: ignore[arg-type]
    clients = int(world["clients"])  # type: ignore[arg-type]
    cursor = connection.cursor()
    session_id = cursor.execute("SELECT COALESCE(MAX(id), 0) FROM practice_sessions").fetchone()[0] + 1  # type: ignore[index]
    check_in_id = cursor.execute("SELECT COALESCE(MAX(id), 0) FROM check_ins").fetchone()[0] + 1  # type: ignore[index]
    psfs_id = cursor.execute("SELECT COALESCE(MAX(id), 0) FROM psfs_assessments").fetchone()[0] + 1  # type: ignore[index]
    random.seed(first_day)
    sessions, check_ins, ratings, rounds, activities = [], [], [], [], []
    for n in range(clients):
        person = first_person + n
        for back in range(last_day, first_day - 1, -1):
            at = NOW - timedelta(days=back, hours=random.randint(1, 10))
            sessions.append((session_id, person, uuid.uuid4().hex, at, 15, 900, "standard", "completed", at))
            check_ins.append((check_in_id, person, uuid.uuid4().hex, at + timedelta(minutes=16), "after", session_id))
            score = max(0, min(10, 5 - back // 120 + random.randint(-1, 1)))
            ratings.append((check_in_id, 0, "lower_back", "centre", score))
            ratings.append((check_in_id, 1, "hip", "left", max(0, score - 2)))
            if back % 14 == 0:
                rounds.append((psfs_id, person, uuid.uuid4().hex, at))
                activities.append((psfs_id, 0, "sitting", min(10, 3 + (DAYS - back) // 60)))
                psfs_id += 1
            session_id += 1
            check_in_id += 1
    written = _copy(
        connection,
        "practice_sessions",
        "id, person_id, uid, started_at, planned_minutes, actual_seconds, variant, status, last_checkpoint_at",
        iter(sessions),
    )
    written += _copy(connection, "check_ins", "id, person_id, uid, at, timing, session_id", iter(check_ins))
    written += _copy(connection, "pain_ratings", "check_in_id, position, region, side, score", iter(ratings))
    written += _copy(connection, "psfs_assessments", "id, person_id, uid, at", iter(rounds))
    written += _copy(connection, "psfs_activities", "assessment_id, position, name, score", iter(activities))
    for table in ("practice_sessions", "check_ins", "psfs_assessments", "pain_ratings"):
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
    connection.commit()
    with psycopg.connect(connection.info.dsn, autocommit=True) as analyse:
        analyse.execute("VACUUM ANALYZE")
    return written


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_server(url: str, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    home = tempfile.mkdtemp(prefix="crest-bench-")
    env = {**os.environ, "CREST_DATABASE_URL": url, "CREST_HOME": home, "PYTHONPATH": str(SRC)}
    server = subprocess.Popen(
        [sys.executable, "-m", "crest", "serve", "--practice", "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{base}/login", timeout=1)
            return server, base
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the practice server did not start")


def dashboard_times(base: str, token: str, count: int) -> list[float]:
    times = []
    with httpx.Client(base_url=base, cookies={"crest_session": token}, timeout=30) as client:
        client.get("/api/practice/clients").raise_for_status()  # warm
        for _ in range(count):
            started = time.perf_counter()
            response = client.get("/api/practice/clients")
            times.append((time.perf_counter() - started) * 1000)
            response.raise_for_status()
            assert len(response.json()) == CLIENTS_PER_PRACTITIONER
    return times


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def mixed_load(
    base: str, world: dict[str, object], seconds: float, rate: int
) -> tuple[list[float], dict[str, int]]:
    """Open loop at RATE/s: 95% clients writing (half check-ins, half session checkpoints), 5% practitioners
    reading their dashboards (10 a second at 200 requests/s)."""
    tokens: dict[str, str] = world["tokens"]  # type: ignore[assignment]
    clients = [token for key, token in tokens.items() if key.startswith("c")][:400]
    practitioners = [token for key, token in tokens.items() if key.startswith("p")]
    origin = {"Origin": base}
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    sessions: dict[str, int] = {}
    started_at: dict[str, float] = {}  # the server refuses more rest than its clock has run
    limits = httpx.Limits(max_connections=400, max_keepalive_connections=400)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as http:
        for token in clients[:100]:  # each writing client has a running session to checkpoint
            started = await http.post(
                "/api/sessions", json={"planned_minutes": 30}, cookies={"crest_session": token}, headers=origin
            )
            if started.status_code == 201:
                sessions[token] = started.json()["id"]
                started_at[token] = time.perf_counter()

        async def one(at: float, kind: int) -> None:
            await asyncio.sleep(max(0.0, at - time.perf_counter()))
            if kind < 48:
                token = random.choice(clients)
                request = http.post(
                    "/api/checkins",
                    json={"pain": [{"region": "lower_back", "side": "centre", "score": random.randint(0, 6)}]},
                    cookies={"crest_session": token},
                    headers=origin,
                )
            elif kind < 95 and sessions:
                token = random.choice(list(sessions))
                request = http.post(
                    f"/api/sessions/{sessions[token]}/checkpoint",
                    json={"elapsed_s": min(int(time.perf_counter() - started_at[token]), 30 * 60)},
                    cookies={"crest_session": token},
                    headers=origin,
                )
            else:
                request = http.get("/api/practice/clients", cookies={"crest_session": random.choice(practitioners)})
            try:
                response = await request
                status = str(response.status_code)
            except httpx.HTTPError as error:
                status = type(error).__name__
            latencies.append((time.perf_counter() - at) * 1000)
            statuses[status] = statuses.get(status, 0) + 1

        start = time.perf_counter() + 0.5
        total = int(rate * seconds)
        await asyncio.gather(*(one(start + n / rate, random.randrange(100)) for n in range(total)))
        statuses["answered per second"] = round(total / (time.perf_counter() - start))
    return latencies, statuses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="400 clients and 6 s of mixed load")
    parser.add_argument("--database-url", default=os.environ.get("CREST_TEST_POSTGRES_URL"))
    parser.add_argument("--clients", type=int, default=None)
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--rate", type=int, default=RATE, help=f"requests a second of the mixed load ({RATE})")
    arguments = parser.parse_args()
    if not arguments.database_url:
        sys.exit("set CREST_TEST_POSTGRES_URL (. /work/pg.env, or scripts/start-postgres) or pass --database-url")
    clients = arguments.clients or (400 if arguments.quick else 2000)
    seconds = arguments.seconds or (6.0 if arguments.quick else 15.0)
    server_url = make_url(arguments.database_url)
    admin = server_url.set(drivername="postgresql").render_as_string(hide_password=False)
    name = f"crest_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    url = server_url.set(database=name).render_as_string(hide_password=False)
    dsn = server_url.set(drivername="postgresql", database=name).render_as_string(hide_password=False)
    try:
        Journal.open(url).close()  # the schema, by crest's own migrations
        with psycopg.connect(dsn) as connection:
            began = time.perf_counter()
            world = build_practice(connection, clients)
            recent = round(DAYS * 0.1)
            rows = fill_history(connection, world, 0, recent - 1)
            took = time.perf_counter() - began
            print(f"{clients} clients; 10% of the history ({recent} days): {rows:,} rows in {took:.0f} s")
        token = world["tokens"]["p0"]  # type: ignore[index]
        server, base = start_server(url, workers=1)
        try:
            at_10 = dashboard_times(base, token, 15 if arguments.quick else 30)
        finally:
            server.terminate()
            server.wait(timeout=30)
        with psycopg.connect(dsn) as connection:
            began = time.perf_counter()
            rows = fill_history(connection, world, recent, DAYS - 1)
            print(f"100% of the history ({DAYS} days): {rows:,} more rows in {time.perf_counter() - began:.0f} s")
        server, base = start_server(url, workers=2)
        try:
            at_100 = dashboard_times(base, token, 15 if arguments.quick else 30)
            latencies, statuses = asyncio.run(mixed_load(base, world, seconds, arguments.rate))
        finally:
            server.terminate()
            server.wait(timeout=30)
        p50_10, p95_10 = statistics.median(at_10), percentile(at_10, 0.95)
        p50_100, p95_100 = statistics.median(at_100), percentile(at_100, 0.95)
        ratio = p50_100 / p50_10
        print(f"dashboard, 40 clients, 10% of the data:  p50 {p50_10:.1f} ms, p95 {p95_10:.1f} ms")
        print(f"dashboard, 40 clients, 100% of the data: p50 {p50_100:.1f} ms, p95 {p95_100:.1f} ms")
        print(f"ratio 100% / 10% (p50): {ratio:.2f} (goal <= {GOAL_RATIO}) {'ok' if ratio <= GOAL_RATIO else 'MISSED'}")
        print(
            f"mixed load, 2 workers, {arguments.rate} req/s offered for {seconds:.0f} s: "
            f"p50 {statistics.median(latencies):.1f} ms, p99 {percentile(latencies, 0.99):.1f} ms; answers {statuses}"
        )
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
