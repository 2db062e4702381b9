"""A session logged afterwards takes the prescribed variant unless another is named, at both doors. Walked (s45
walk_rx L2): prescribed the supported variant, `crest log-session --minutes 20` logged "Standard", and the
practitioner's report then said the client rested in a variant they were not prescribed."""

import subprocess
from collections.abc import Callable
from datetime import UTC, date, datetime

from crest.accounts.records import Prescription
from crest.journal.store import Journal

RunCrest = Callable[..., subprocess.CompletedProcess[str]]


def test_a_logged_session_takes_the_prescribed_variant(run_crest: RunCrest) -> None:
    with Journal.open() as journal:
        dose = Prescription("supported", 20, 1, 7, date(2020, 1, 1), prescribed_by="Pat Physio")
        journal.keep_pulled_prescription(dose, datetime(2020, 1, 1, tzinfo=UTC))
    logged = run_crest("log-session", "--minutes", "20", "--at", "2026-11-02T07:30")
    named = run_crest("log-session", "--minutes", "20", "--at", "2026-11-03T07:30", "--variant", "standard")
    assert logged.returncode == 0, logged.stderr
    assert "20 min, Supported (90-90); marked as logged" in logged.stdout
    assert "20 min, Standard; marked as logged" in named.stdout  # the person may still name another
