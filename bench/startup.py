"""Start-up time of every crest command, each as a ratio to `python -c pass`, measured in one run.

Each command's `--help` (its start-up: imports and the command's registration), then whole runs of the commands a
person starts most (`--version`, `--help`, `protocol`, `progress`, `ask QUESTION`) over a fresh, empty journal in a
temporary crest home. Each time is the median of --runs runs (default 5), interleaved with `python -c pass`, so
that the machine's noise hits both alike; beside the wall-clock time, the CPU time (user + system) of the process,
which a machine busy with other work changes less. Also lists which heavy packages `crest --help` and
`crest protocol` import. --tree times another checkout's src with this Python; --against times a second one (a
`git worktree` of an older commit) interleaved with it, to compare.
Run: .venv/bin/python bench/startup.py [--runs N] [--tree DIR] [--against OLDER_DIR]
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAVY_MODULES = ("mediapipe", "cv2", "sqlalchemy", "numpy", "fastapi", "alembic", "icalendar")
WHOLE_RUNS = (["--version"], ["--help"], ["protocol"], ["progress"], ["ask", "can I do it in bed?"])


def crest_command() -> list[str]:
    return [sys.executable, "-m", "crest"]


def time_once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """The wall-clock and CPU seconds of one run of `command`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def command_names(src: Path) -> list[str]:
    """Every command of the crest in `src`, from its own list (crest.cli.commands imports nothing else)."""
    listed = subprocess.run(
        [sys.executable, "-c", "from crest.cli.commands import COMMAND_SUMMARIES as c; print(*c)"],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(src)},
    )
    return listed.stdout.split()


def heavy_imports(arguments: list[str], env: dict[str, str]) -> list[str]:
    trace = subprocess.run(
        [sys.executable, "-X", "importtime", *crest_command()[1:], *arguments],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stderr
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in trace.splitlines() if "|" in line}
    return sorted(imported.intersection(HEAVY_MODULES))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tree", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--against", type=Path, help="another checkout, timed interleaved with --tree")
    options = parser.parse_args()
    sources = [tree.resolve() / "src" for tree in (options.tree, options.against) if tree is not None]
    others = [set(command_names(src)) for src in sources[1:]]
    names = [name for name in command_names(sources[0]) if all(name in other for other in others)]
    measured = [" ".join([name, "--help"]) for name in names] + [" ".join(run) for run in WHOLE_RUNS]
    baseline: list[tuple[float, float]] = []
    times = {(src, label): list[tuple[float, float]]() for src in sources for label in measured}
    with tempfile.TemporaryDirectory() as homes:  # a journal for each: an older crest may not open a newer one
        envs = {
            src: {**os.environ, "PYTHONPATH": str(src), "CREST_HOME": f"{homes}/{number}", "NO_COLOR": "1"}
            for number, src in enumerate(sources)
        }
        for env in envs.values():
            env.pop("CREST_DATABASE_URL", None)
        commands = {label: [*crest_command(), *_arguments(label)] for label in measured}
        for src, label in times:  # the journal made, the file cache warm: each timed run starts alike
            time_once(commands[label], envs[src])
        for _ in range(options.runs):  # interleaved, so the machine's noise hits each alike
            baseline.append(time_once([sys.executable, "-c", "pass"], envs[sources[0]]))
            for src, label in times:
                times[src, label].append(time_once(commands[label], envs[src]))
        base_wall, base_cpu = (statistics.median(part) for part in zip(*baseline, strict=True))
        base = f"{base_wall * 1000:.0f} ms wall, {base_cpu * 1000:.0f} ms CPU"
        print(f"medians of {options.runs} runs; python -c pass: {base}")
        width = max(len(label) for label in measured)
        for src in sources:
            print(f"crest in {src}: wall-clock and CPU time, each also as a ratio to python -c pass")
            for position, label in enumerate(measured):
                if position in (0, len(names)):
                    print(" each command's help:" if position == 0 else " whole runs, over an empty journal:")
                wall, cpu = (statistics.median(part) for part in zip(*times[src, label], strict=True))
                change = ""
                if src != sources[0]:
                    ours = statistics.median(cpu for _, cpu in times[sources[0], label])
                    change = f"  --tree: {(ours - cpu) / cpu:+.0%} CPU"
                print(
                    f"  crest {label.ljust(width)}  {wall * 1000:6.0f} ms {wall / base_wall:5.1f}x wall"
                    f"  {cpu * 1000:6.0f} ms {cpu / base_cpu:5.1f}x CPU{change}"
                )
            for arguments in (["--help"], ["protocol"]):
                heavy = heavy_imports(arguments, envs[src])
                print(f" heavy imports by crest {' '.join(arguments)}: {', '.join(heavy) if heavy else 'none'}")


def _arguments(label: str) -> list[str]:
    """A measured command's arguments: `ask`'s question is one argument, the rest one word each."""
    first, _, rest = label.partition(" ")
    return [first, rest] if first == "ask" else label.split()


if __name__ == "__main__":
    main()
