"""The one line crest says when a command is refused, run as the person runs it."""

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def refused_line(home: Path, *args: str) -> str:
    """Run `crest ARGS` with its journal in `home`; it must exit 2 with one line on stderr, which is returned."""
    environment = {**os.environ, "CREST_HOME": str(home), "PYTHONPATH": str(SRC), "TZ": "UTC", "NO_COLOR": "1"}
    environment.pop("CREST_DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "crest", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2, result
    [line] = result.stderr.strip().splitlines()
    return line
