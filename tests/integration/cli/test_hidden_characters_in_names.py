"""A daily activity's name with a hidden control character (DEL, a C1 control, a bidirectional override), which
`crest psfs --history` prints, is refused at each door of the terminal as a note's is: `crest psfs --rate` and
`crest import`; nothing is kept. Before, only C0 (ESC) was refused."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

RunCrest = Callable[..., subprocess.CompletedProcess[str]]

HIDDEN = [pytest.param("\x7f", id="del"), pytest.param("\x9b", id="a-c1-control"), pytest.param("\u202e", id="bidi")]
REFUSED = "the activity contains control characters; please write it as plain text"


@pytest.mark.parametrize("character", HIDDEN)
def test_crest_psfs_refuses_an_activity_with_one_and_keeps_nothing(run_crest: RunCrest, character: str) -> None:
    done = run_crest("psfs", "--rate", f"bad{character}name=3")
    assert (done.returncode, done.stderr) == (2, f"crest: {REFUSED}\n")
    assert "bad" not in run_crest("psfs", "--history").stdout


@pytest.mark.parametrize("character", HIDDEN)
def test_crest_import_refuses_an_activity_with_one(
    run_crest: RunCrest, crest_env: dict[str, str], tmp_path: Path, character: str
) -> None:
    assert run_crest("psfs", "--rate", "tying my shoes=3").returncode == 0
    backup = tmp_path / "backup.json"
    assert run_crest("export", "-o", str(backup)).returncode == 0
    backup.write_text(backup.read_text(encoding="utf-8").replace("tying my", f"tying{character} my"), encoding="utf-8")

    crest_env["CREST_HOME"] = str(tmp_path / "restored")
    done = run_crest("import", str(backup))
    assert done.returncode == 2
    assert done.stderr.endswith(f".name: {REFUSED}\n"), done.stderr
    assert "psfs" not in json.loads(run_crest("export").stdout)  # nothing was kept


def test_crest_psfs_refuses_an_activity_not_in_utf8_in_its_own_words(run_crest: RunCrest) -> None:
    # a terminal in another encoding sends the byte FF, which Python reads as half a character (U+DCFF)
    done = run_crest("psfs", "--rate", "sit\udcffting=3")
    not_text = "the activity has a character that is not valid text (not UTF-8); please type it again"
    assert (done.returncode, done.stderr) == (2, f"crest: {not_text}\n")
    assert "sit" not in run_crest("psfs", "--history").stdout
