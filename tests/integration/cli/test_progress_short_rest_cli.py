"""`crest progress` says rests under a minute in words, as the Progress page and Today do, not "0 sessions (0 min)"."""

import subprocess
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from crest.clock import system_now
from crest.journal.records import JournalContents, PracticeSession, SessionStatus
from crest.journal.store import Journal

RunCrest = Callable[..., subprocess.CompletedProcess[str]]


def test_progress_says_a_rest_under_a_minute_in_words(run_crest: RunCrest, crest_env: dict[str, str]) -> None:
    home = Path(crest_env["CREST_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    rest = PracticeSession(system_now() - timedelta(hours=1), 5, "standard", SessionStatus.ENDED_EARLY, 9, id=1)
    with Journal.open(f"sqlite:///{home / 'crest.db'}") as journal:
        journal.import_contents(JournalContents(sessions=(rest,)))
    words = " ".join(run_crest("progress").stdout.split())
    assert "Your rest was under a minute: kept in your journal, but a session counts as practice once it lasts a " in (
        words
    )
    assert "0 sessions" not in words
