"""Start-up time of `crest --help` as a ratio to `python -c pass`, measured in one run (goal: <= 5x).

Also the time of a whole `crest ask "QUESTION"` (start-up, help search, sentence model, answer), for information.

Also lists which heavy packages `crest --help` imports (goal: none of MediaPipe, OpenCV, SQLAlchemy).
Run: .venv/bin/python bench/startup.py [--runs N]
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HEAVY_MODULES = ("mediapipe", "cv2", "sqlalchemy", "numpy", "fastapi", "alembic")


def crest_command() -> list[str]:
    script = Path(sys.executable).with_name("crest")
    return [str(script)] if script.exists() else [sys.executable, "-m", "crest"]


def time_once(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - started


def heavy_imports(env: dict[str, str]) -> list[str]:
    trace = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "crest", "--help"],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stderr
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in trace.splitlines() if "|" in line}
    return sorted(imported.intersection(HEAVY_MODULES))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    env = dict(os.environ)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1] / "src")
    baseline_command = [sys.executable, "-c", "pass"]
    crest_help = [*crest_command(), "--help"]
    time_once(crest_help, env)  # warm the file cache once
    baseline, crest = [], []
    for _ in range(runs):  # interleaved, so machine noise hits both alike
        baseline.append(time_once(baseline_command, env))
        crest.append(time_once(crest_help, env))
    base_s, crest_s = statistics.median(baseline), statistics.median(crest)
    print(f"python -c pass: {base_s * 1000:.1f} ms (median of {runs})")
    print(f"crest --help:   {crest_s * 1000:.1f} ms (median of {runs})")
    print(f"ratio: {crest_s / base_s:.2f}x (goal <= 5x)")
    heavy = heavy_imports(env)
    print(f"heavy imports by crest --help: {', '.join(heavy) if heavy else 'none'}")
    # crest ask loads the help search (and its sentence model, when installed) with the first question.
    ask = [*crest_command(), "ask", "can I do it in bed?"]
    asked = [time_once(ask, env) for _ in range(max(3, runs // 3))]
    ask_s = statistics.median(asked)
    print(f"crest ask QUESTION: {ask_s * 1000:.1f} ms (median of {len(asked)}), {ask_s / base_s:.1f}x python start")


if __name__ == "__main__":
    main()
