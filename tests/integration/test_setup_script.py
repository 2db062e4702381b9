"""scripts/setup installs only when it must, and says what it is doing while it does; scripts/run starts the crest
already installed when an update fails (offline). Run in a copy of the scripts with a stand-in .venv whose python
notes each call and prints what pip prints: no network, no real install."""

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).parents[2] / "scripts"

# The stand-in for .venv/bin/python: `-c` is setup's import check; anything else is a pip install, which prints a
# few of pip's lines (the download of a large wheel among them).
FAKE_PYTHON = """#!/usr/bin/env bash
echo "$*" >>"$CALLS"
[ "$1" = -c ] && exit "${IMPORT_FAILS:-0}"
[ "${PIP_FAILS:-0}" = 1 ] && { echo "ERROR: Could not find a version that satisfies setuptools>=77" >&2; exit 1; }
[[ " $* " == *" --quiet "* ]] && exit 0
echo "Collecting typer>=0.12 (from crest==0.1.0)"
echo "  Downloading mediapipe-0.10.21-cp311-cp311-manylinux_2_28_x86_64.whl (135.6 MB)"
echo "Installing collected packages: typer, mediapipe"
echo "Successfully installed typer mediapipe"
"""
FAKE_CREST = '#!/usr/bin/env bash\necho "crest $*"\n'
# Every Debian package is there, and npm installs nothing: only the Python part is under test.
FAKE_DPKG_QUERY = "#!/usr/bin/env bash\nprintf 'install ok installed'\n"
FAKE_NPM = "#!/usr/bin/env bash\nexit 0\n"


def _executable(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    root = tmp_path / "crest"
    (root / "scripts").mkdir(parents=True)
    for name in ("setup", "run"):
        shutil.copy2(SCRIPTS / name, root / "scripts" / name)
    (root / "pyproject.toml").write_text('[project]\nname = "crest"\n')
    _executable(root / ".venv" / "bin" / "python", FAKE_PYTHON)
    _executable(root / ".venv" / "bin" / "crest", FAKE_CREST)
    _executable(tmp_path / "bin" / "dpkg-query", FAKE_DPKG_QUERY)
    _executable(tmp_path / "bin" / "npm", FAKE_NPM)
    return root


def _run(checkout: Path, *command: str, **env: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    calls = checkout.parent / "calls"
    calls.unlink(missing_ok=True)
    done = subprocess.run(
        [str(checkout / "scripts" / command[0]), *command[1:]],
        env={
            **os.environ,
            "PATH": f"{checkout.parent / 'bin'}{os.pathsep}{os.environ['PATH']}",
            "CALLS": str(calls),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return done, calls.read_text().splitlines() if calls.exists() else []


def _installs(calls: list[str]) -> list[str]:
    return [call for call in calls if call.startswith("-m pip install")]


def test_the_first_install_says_what_it_does_and_the_second_start_installs_nothing(checkout: Path) -> None:
    first, calls = _run(checkout, "setup")
    assert first.returncode == 0, first.stderr
    assert any("-e ." in call for call in _installs(calls))
    lines = first.stdout.splitlines()
    assert lines[0].startswith(
        "crest setup: installing crest and its libraries into .venv: about 400 MB to download (1.3 GB once unpacked)"
    )
    # pip's lines, shortened: what is downloaded and unpacked, never pip's own words in bulk
    assert "  downloaded 135 MB so far (mediapipe)" in lines
    assert "  unpacking 2 packages into .venv" in lines
    assert not any(line.startswith(("Collecting", "Successfully")) for line in lines)

    again, calls = _run(checkout, "setup")
    assert again.returncode == 0, again.stderr
    assert again.stdout == "" and _installs(calls) == []  # no pip: no package index needed, and no wait


def test_a_changed_pyproject_or_a_broken_install_installs_again(checkout: Path) -> None:
    _run(checkout, "setup")
    with (checkout / "pyproject.toml").open("a") as pyproject:
        pyproject.write('dependencies = ["typer>=0.13"]\n')
    changed, calls = _run(checkout, "setup")
    assert changed.stdout.startswith("crest setup: updating crest in .venv (its requirements changed")
    assert _installs(calls)
    assert _installs(_run(checkout, "setup")[1]) == []
    assert _installs(_run(checkout, "setup", IMPORT_FAILS="1")[1])


def test_a_failed_install_is_tried_again_next_time(checkout: Path) -> None:
    failed, _ = _run(checkout, "setup", PIP_FAILS="1")
    assert failed.returncode != 0 and "Could not find a version" in failed.stderr
    assert _installs(_run(checkout, "setup")[1])


def test_the_test_extras_need_their_own_install_and_serve_the_plain_one_too(checkout: Path) -> None:
    _run(checkout, "setup")
    tests, calls = _run(checkout, "setup", "--test")
    assert tests.returncode == 0, tests.stderr
    assert any("-e .[test]" in call for call in _installs(calls))
    assert _installs(_run(checkout, "setup", "--test")[1]) == []
    assert _installs(_run(checkout, "setup")[1]) == []


def test_run_offline_starts_the_crest_installed_before(checkout: Path) -> None:
    _run(checkout, "setup")
    (checkout / "pyproject.toml").write_text('[project]\nname = "crest"\nversion = "0.2"\n')
    offline, _ = _run(checkout, "run", "--port", "8766", PIP_FAILS="1")
    assert offline.returncode == 0, offline.stderr
    assert offline.stdout.splitlines()[-1] == "crest serve --port 8766"
    assert "could not update .venv (offline?): starting the crest installed before" in offline.stderr

    nothing, _ = _run(checkout, "run", PIP_FAILS="1", IMPORT_FAILS="1")
    assert nothing.returncode != 0 and "crest serve" not in nothing.stdout
