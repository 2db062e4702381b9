import pytest

from crest.durations import rested_text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0 s"), (9, "9 s"), (60, "1 min"), (870, "14 min 30 s"), (900, "15 min"), (1801, "30 min 1 s")],
)
def test_time_rested_is_written_one_way(seconds: int, text: str) -> None:
    assert rested_text(seconds) == text
