"""The one line crest says when a command is refused, run as the person runs it."""

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def run_crest(home: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `crest ARGS` with its journal in `home` (and in the folder `cwd`), as the person runs it."""
    environment = {**os.environ, "CREST_HOME": str(home), "PYTHONPATH": str(SRC), "TZ": "UTC", "NO_COLOR": "1"}
    environment.pop("CREST_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "crest", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        stdin=subprocess.DEVNULL,
        cwd=cwd,
    )


def refused_line(home: Path, *args: str) -> str:
    """Run `crest ARGS` with its journal in `home`; it must exit 2 with one line on stderr, which is returned."""
    result = run_crest(home, *args)
    assert result.returncode == 2, result
    [line] = result.stderr.strip().splitlines()
    return line
