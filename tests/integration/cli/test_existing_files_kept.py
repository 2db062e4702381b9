"""`crest export`, `crest report` and `crest remind -o` keep a file that is already there unless told --overwrite.

An earlier export may be the only copy of a journal since lost: writing over it without a word would lose it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from crest.private_files import FileExists, write_private_file
from support.refusals import run_crest

EARLIER = b"an earlier export, kept\n"


@pytest.mark.parametrize(
    ("name", "command"),
    [
        ("journal.json", ("export",)),
        ("report.html", ("report",)),
        ("crest.ics", ("remind", "--time", "07:30")),
    ],
)
def test_an_existing_file_is_kept_and_the_refusal_says_how_to_replace_it(
    tmp_path: Path, name: str, command: tuple[str, ...]
) -> None:
    target = tmp_path / name
    target.write_bytes(EARLIER)

    refused = run_crest(tmp_path / "home", *command, "-o", str(target), cwd=tmp_path)

    assert refused.returncode == 2, refused.stderr
    lines = refused.stderr.strip().splitlines()
    assert "Traceback" not in refused.stderr
    assert [line for line in lines if "already exists" in line] == [
        f"crest: {target} already exists; name another file, or add --overwrite to replace it"
    ]
    assert target.read_bytes() == EARLIER
    assert [entry.name for entry in tmp_path.iterdir() if entry.name.startswith(".crest-")] == []

    replaced = run_crest(tmp_path / "home", *command, "-o", str(target), "--overwrite", cwd=tmp_path)

    assert replaced.returncode == 0, replaced.stderr
    assert target.read_bytes() != EARLIER


def test_a_second_report_of_the_day_gets_a_name_of_its_own(tmp_path: Path) -> None:
    first = run_crest(tmp_path / "home", "report", cwd=tmp_path)
    second = run_crest(tmp_path / "home", "report", cwd=tmp_path)

    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    reports = {entry.name for entry in tmp_path.iterdir() if entry.name.startswith("crest-report-")}
    first_name = next(name for name in reports if name in first.stdout)
    assert reports == {first_name, first_name.replace(".pdf", "-2.pdf")}
    assert first_name.replace(".pdf", "-2.pdf") in second.stdout


def test_keeping_is_decided_when_the_name_is_taken_not_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that appears between the check and the write (another program, a second crest) is kept too: the
    written file takes its name by a hard link, which fails on a name already taken."""
    target = tmp_path / "journal.json"
    real_link = os.link

    def another_program_writes_first(source: str, destination: Path) -> None:
        Path(destination).write_bytes(EARLIER)
        real_link(source, destination)

    monkeypatch.setattr(os, "link", another_program_writes_first)

    with pytest.raises(FileExists):
        write_private_file(target, b"new", overwrite=False)

    assert target.read_bytes() == EARLIER
    assert sorted(entry.name for entry in tmp_path.iterdir()) == ["journal.json"]


def test_without_hard_links_the_new_file_is_still_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A USB stick's FAT has no hard links: the file is written all the same, in one step."""

    def no_hard_links(source: str, destination: Path) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_hard_links)

    write_private_file(tmp_path / "journal.json", b"new", overwrite=False)

    assert (tmp_path / "journal.json").read_bytes() == b"new"
    assert sorted(entry.name for entry in tmp_path.iterdir()) == ["journal.json"]
