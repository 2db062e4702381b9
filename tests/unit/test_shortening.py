"""A question or a file's name repeated by crest is cut the same way at every door."""

from crest.shortening import shortened


def test_text_within_the_length_is_kept_and_longer_text_ends_in_an_ellipsis_within_it() -> None:
    assert shortened("x" * 80, 80) == "x" * 80
    assert shortened("x" * 81, 80) == "x" * 79 + "…"
    assert len(shortened("y" * 10_000, 80)) == 80
