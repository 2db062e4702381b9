"""A check-in note that names night pain is named by night pain at the terminal's doors (`crest log`'s answer, the
standing warning of `crest history`, `crest progress` and `crest safety`), never by its help entry's title, which
lists every sign of possible cancer as if the person had said all of them."""

import subprocess
from collections.abc import Callable

import pytest

from crest.services.checkins import entry_warning

RunCrest = Callable[..., subprocess.CompletedProcess[str]]
NIGHT_PAIN = "Pain at night that changing position does not ease"  # its own words (`sign_words`)
ENTRY_TITLE = entry_warning("warning_cancer").title
NOTE = "My back pain wakes me at night and changing position doesn't ease it"


@pytest.mark.usefixtures("safety_answered")
def test_a_night_pain_note_is_named_by_night_pain_at_the_terminals_doors(run_crest: RunCrest) -> None:
    logged = run_crest("log", "--pain", "lower_back=5", "--note", NOTE)
    assert logged.returncode == 0, logged.stderr
    for said in (logged, run_crest("history"), run_crest("progress"), run_crest("safety")):
        flat = " ".join((said.stdout + said.stderr).split())  # as one line: Rich wraps at the terminal's width
        assert NIGHT_PAIN.lower() in flat.lower(), said.args
        assert ENTRY_TITLE.lower() not in flat.lower(), said.args
