"""Memory of the web app under many live camera sockets at once (issue 9.12), measured on the real pose model.

Starts the web app in its own process (the code under --src: this checkout by default, or another one to compare)
on a free port, then for each round opens N sockets at once, each sending a real photo as JPEG frames at the
page's pace (one every 150 ms, one in flight) for a few seconds, closes them, and waits. Prints, per round, the
server's peak resident memory while the sockets were open, its memory a little after they closed, the answers
with a verdict and the calm refusals; and the ratio of the last round's memory after closing to the first's.

    python bench/live_sockets.py [--sockets 12] [--rounds 3] [--seconds 8] [--src PATH]
"""

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import websockets

ROOT = Path(__file__).resolve().parents[1]
PHOTO = ROOT / "tests" / "fixtures" / "photos" / "one_knee_to_chest_0.jpg"
FRAME_EVERY_S = 0.15  # what the session page sends
SERVER = """
import sys, uvicorn
from crest.web.app import create_app
uvicorn.run(create_app(sys.argv[1]), host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _start(src: Path, home: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CREST_HOME": str(home), "PYTHONPATH": str(src)}
    server = subprocess.Popen([sys.executable, "-c", SERVER, f"sqlite:///{home / 'crest.db'}", str(port)], env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


async def _one_socket(port: int, frame: bytes, seconds: float, tally: dict[str, int]) -> None:
    try:
        async with websockets.connect(f"ws://127.0.0.1:{port}/api/check/live", max_size=None) as live:
            stop_at = time.monotonic() + seconds
            while time.monotonic() < stop_at:
                await live.send(frame)
                answer = json.loads(await asyncio.wait_for(live.recv(), timeout=seconds + 60))
                if answer["type"] == "result":
                    tally["verdicts"] += 1
                elif answer["frame"] is not None:  # an error about no frame is the refusal, before its close
                    tally["errors"] += 1
                    print(f"  error on frame {answer['frame']}: {answer['message']}")
                await asyncio.sleep(FRAME_EVERY_S)
    except websockets.ConnectionClosed as closed:
        tally["refused" if closed.rcvd and closed.rcvd.code == 1013 else "dropped"] += 1
    except (OSError, TimeoutError):
        tally["dropped"] += 1


async def _round(port: int, pid: int, sockets: int, seconds: float, frame: bytes) -> tuple[float, dict[str, int]]:
    tally = {"verdicts": 0, "errors": 0, "refused": 0, "dropped": 0}
    peak = 0.0
    clients = asyncio.gather(*(_one_socket(port, frame, seconds, tally) for _ in range(sockets)))
    while not clients.done():
        peak = max(peak, _resident_mb(pid))
        await asyncio.sleep(0.1)
    await clients
    return peak, tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sockets", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the crest source to serve")
    arguments = parser.parse_args()
    frame = PHOTO.read_bytes()
    with tempfile.TemporaryDirectory(prefix="crest-live-bench-") as home:
        port = _free_port()
        server = _start(arguments.src.resolve(), Path(home), port)
        try:
            time.sleep(1.0)
            idle = _resident_mb(server.pid)
            print(f"server at start: {idle:.0f} MB ({arguments.src})")
            after: list[float] = []
            for number in range(1, arguments.rounds + 1):
                peak, tally = asyncio.run(_round(port, server.pid, arguments.sockets, arguments.seconds, frame))
                time.sleep(3.0)
                after.append(_resident_mb(server.pid))
                print(
                    f"round {number}: {arguments.sockets} sockets, peak {peak:.0f} MB, {after[-1]:.0f} MB after "
                    f"closing; {tally['verdicts']} verdicts, {tally['errors']} errors, {tally['refused']} refused "
                    f"calmly, {tally['dropped']} dropped"
                )
            print(f"memory after closing, last round / first: {after[-1] / after[0]:.2f}")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
