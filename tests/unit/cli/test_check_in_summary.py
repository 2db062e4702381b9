from datetime import UTC, datetime

import pytest

from crest.cli.journal_cmd import _check_in_summary
from crest.journal.records import CheckIn
from crest.journal.vocabulary import Comparison


@pytest.mark.parametrize(
    ("compared", "words"),
    [
        (Comparison.BETTER, "better than before"),
        (Comparison.SAME, "about the same as before"),
        (Comparison.WORSE, "worse than before"),
    ],
)
def test_compared_with_before_reads_as_english(compared: Comparison, words: str) -> None:
    check_in = CheckIn(at=datetime(2026, 5, 1, tzinfo=UTC), timing="after", session_id=1, compared_with_before=compared)
    assert _check_in_summary(check_in) == words
