"""Bounded load on the web API over loopback: session and check-in routes on SQLite.

Starts `crest serve`'s app in its own process on a free port with a fresh journal, then sends requests at a fixed
rate (open loop: each request leaves at its scheduled time whether or not earlier ones have answered) and prints
requests per second and p50 / p99 latency, measured from the scheduled time. Goal: p99 < 25 ms at 200 req/s.

    python bench/api_load.py [--rate 200] [--seconds 10]
"""

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx  # only to wait for the server to answer

GOAL_P99_MS = 25.0
SERVER = """
import sys, uvicorn
from crest.web.app import create_app
sys.path.insert(0, sys.argv[5])
from api_load_probes import install_probes
app = create_app(sys.argv[1])
install_probes(app, sys.argv[4])
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning", http=sys.argv[3])
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _start_server(home: Path, port: int, http: str, probes_path: Path) -> subprocess.Popen[bytes]:
    source = Path(__file__).resolve().parents[1] / "src"
    env = {**os.environ, "CREST_HOME": str(home), "PYTHONPATH": str(source)}
    bench_dir = str(Path(__file__).resolve().parent)
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, f"sqlite:///{home / 'crest.db'}", str(port), http, str(probes_path), bench_dir],
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/settings", timeout=1).raise_for_status()
            return server
        except httpx.HTTPError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the server did not start")


class Connections:
    """A small keep-alive HTTP/1.1 client on raw asyncio streams: the load generator shares two CPU cores with
    the server, so it must cost far less per request than the server does."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []

    async def request(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        payload = b"" if body is None else json.dumps(body).encode()
        head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {len(payload)}\r\n"
        if payload:
            head += "Content-Type: application/json\r\n"
        message = head.encode() + b"\r\n" + payload
        while True:
            # An idle connection the server has closed (keep-alive timeout) answers with nothing: take a new one.
            reused = bool(self.idle)
            reader, writer = self.idle.pop() if reused else await asyncio.open_connection("127.0.0.1", self.port)
            writer.write(message)
            status_line = await reader.readline()
            if status_line or not reused:
                break
            writer.close()
        length = 0
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        data = await reader.readexactly(length) if length else b""
        self.idle.append((reader, writer))
        status = int(status_line.split()[1])
        return status, json.loads(data) if data and status < 300 else None

    def close(self) -> None:
        for _, writer in self.idle:
            writer.close()


class Load:
    """A mix like real use: sessions start, checkpoint, finish; check-ins are written and read back."""

    def __init__(self, connections: Connections) -> None:
        self.http = connections
        self.running: list[int] = []
        self.started_at: dict[int, float] = {}  # the server refuses more rest than its clock has run
        self.check_ins: list[int] = []
        self.random = random.Random(7)

    def _rested_s(self, session_id: int) -> int:
        """The whole seconds since the session started, as the page's timer would say (at most its 15 minutes)."""
        return min(int(time.monotonic() - self.started_at[session_id]), 15 * 60)

    async def one(self) -> int:
        roll = self.random.random()
        if roll < 0.15 or not self.running:
            status, body = await self.http.request("POST", "/api/sessions", {"planned_minutes": 15})
            self.running.append(body["id"])
            self.started_at[body["id"]] = time.monotonic()
        elif roll < 0.55:
            session_id = self.random.choice(self.running)
            checkpoint = {"elapsed_s": self._rested_s(session_id)}
            status, _ = await self.http.request("POST", f"/api/sessions/{session_id}/checkpoint", checkpoint)
        elif roll < 0.65 and len(self.running) > 1:
            session_id = self.running.pop(self.random.randrange(len(self.running)))
            finish = {"elapsed_s": self._rested_s(session_id), "status": "ended_early"}
            status, _ = await self.http.request("POST", f"/api/sessions/{session_id}/finish", finish)
        elif roll < 0.85:
            body = {
                "pain": [{"region": "lower_back", "side": "centre", "score": self.random.randint(0, 10)}],
                "sensations": ["yawning"],
                "note": "bench",
            }
            status, created = await self.http.request("POST", "/api/checkins", body)
            self.check_ins.append(created["id"])
        elif roll < 0.95 and self.check_ins:
            status, _ = await self.http.request("GET", f"/api/checkins/{self.random.choice(self.check_ins)}")
        else:
            status, _ = await self.http.request("GET", f"/api/sessions/{self.random.choice(self.running)}")
        return status


async def _run(port: int, rate: float, seconds: float) -> tuple[list[float], int, float]:
    connections = Connections(port)
    try:
        load = Load(connections)
        for _ in range(20):  # warm up: connections, the journal's first writes
            await load.one()
        latencies_ms: list[float] = []
        failures = 0
        start = time.perf_counter()

        async def fire(scheduled: float) -> None:
            nonlocal failures
            status = await load.one()
            latencies_ms.append((time.perf_counter() - scheduled) * 1000)
            failures += status >= 400

        tasks = []
        total = int(rate * seconds)
        for index in range(total):
            scheduled = start + index / rate
            delay = scheduled - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(fire(scheduled)))
        await asyncio.gather(*tasks)
        return latencies_ms, failures, time.perf_counter() - start
    finally:
        connections.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=200.0, help="requests per second to offer")
    parser.add_argument("--seconds", type=float, default=10.0, help="how long to offer them")
    parser.add_argument("--http", choices=("auto", "h11", "httptools"), default="auto", help="uvicorn's HTTP parser")
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="crest-bench-") as home:
        port = _free_port()
        probes_path = Path(home) / "probes.json"
        server = _start_server(Path(home), port, arguments.http, probes_path)
        try:
            latencies_ms, failures, elapsed_s = asyncio.run(_run(port, arguments.rate, arguments.seconds))
        finally:
            server.terminate()
            server.wait(timeout=10)
        probes = json.loads(probes_path.read_text(encoding="utf-8")) if probes_path.exists() else None

    quantiles = statistics.quantiles(latencies_ms, n=100)
    p50, p99 = quantiles[49], quantiles[98]
    print(
        f"offered {arguments.rate:.0f} req/s for {arguments.seconds:.0f} s on SQLite (--http {arguments.http}); "
        f"served {len(latencies_ms) / elapsed_s:.0f} req/s ({len(latencies_ms)} requests, {failures} failed)"
    )
    print(
        f"latency p50 {p50:.1f} ms, p99 {p99:.1f} ms (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    print(f"p99 / goal ({GOAL_P99_MS:.0f} ms): {p99 / GOAL_P99_MS:.2f}  ({'met' if p99 < GOAL_P99_MS else 'missed'})")
    if probes:
        _print_breakdown(probes)


PARTS = (
    ("server_ms", "inside the server"),
    ("pool_wait_ms", "waiting for a thread-pool worker"),
    ("handler_ms", "handler running in its thread"),
    ("writer_queue_ms", "queueing for the journal's writer"),
    ("transaction_ms", "journal transactions"),
    ("commit_ms", "of which commits (fsync)"),
)


def _print_breakdown(probes: dict[str, Any]) -> None:
    """Where the time goes, for every request and for the slowest 1% (the tail), measured inside the server."""
    requests = [one for one in probes["requests"] if "server_ms" in one]
    if len(requests) < 100:
        return
    slowest = sorted(requests, key=lambda one: one["server_ms"])[-max(1, len(requests) // 100) :]
    print("where the time goes (ms)            p50     p99   mean of the slowest 1%")
    for key, label in PARTS:
        values = [one.get(key, 0.0) for one in requests]
        quantiles = statistics.quantiles(values, n=100)
        tail = statistics.fmean(one.get(key, 0.0) for one in slowest)
        print(f"  {label:<33} {quantiles[49]:6.1f}  {quantiles[98]:6.1f}  {tail:6.1f}")
    lag = probes["loop_lag_ms"]
    if len(lag) >= 100:
        lag_quantiles = statistics.quantiles(lag, n=100)
        label = "event loop waking late (per tick)"
        print(f"  {label:<33} {lag_quantiles[49]:6.1f}  {lag_quantiles[98]:6.1f}  max {max(lag):.1f}")


if __name__ == "__main__":
    main()
