"""One fingerprint rule for every record an edit page shows: it changes with whatever a person can correct, and a
save from a copy it no longer matches is refused in words naming the record."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from crest.journal.records import CheckIn, PracticeSession
from crest.journal.vocabulary import SessionStatus
from crest.services.fingerprints import ChangedElsewhere, fingerprint, require_unchanged

AT = datetime(2026, 5, 6, 8, 0, tzinfo=UTC)
SESSION = PracticeSession(AT, 10, "standard", SessionStatus.COMPLETED, 600, id=3)


@pytest.mark.parametrize(
    "corrected",
    [
        replace(SESSION, variant="supported"),
        replace(SESSION, actual_seconds=420, status=SessionStatus.ENDED_EARLY),
        replace(SESSION, status=SessionStatus.INTERRUPTED),
    ],
)
def test_a_session_corrected_has_another_fingerprint_and_its_old_copy_is_refused(corrected: PracticeSession) -> None:
    assert fingerprint(corrected) != fingerprint(SESSION)
    with pytest.raises(ChangedElsewhere, match=r"^this session was changed in another tab or window"):
        require_unchanged(corrected, fingerprint(SESSION))
    require_unchanged(corrected, fingerprint(corrected))
    require_unchanged(corrected)  # no copy named: saved as before


def test_a_check_in_is_named_as_one() -> None:
    check_in = CheckIn(at=AT, note="stiff", id=3)
    with pytest.raises(ChangedElsewhere, match=r"^this check-in was changed"):
        require_unchanged(replace(check_in, note="better"), fingerprint(check_in))
