"""What `crest link` and `crest sync` say of a practice's refusal: in words, never a bare HTTP status code (the
person linking their crest has no use for "answered 422")."""

from __future__ import annotations

import re

import pytest

from crest.services.practice_link import refused_in_words


@pytest.mark.parametrize("code", [400, 401, 403, 404, 409, 410, 413, 418, 422, 429, 500, 502, 503])
def test_no_refusal_names_its_status_code(code: int) -> None:
    for reason in ("", "this invitation does not work; ask for a new one"):
        said = refused_in_words(code, reason)
        assert not re.search(r"\b\d{3}\b", said) and "answered" not in said, said
        assert reason in said


def test_the_practices_reason_is_said_and_without_one_what_the_refusal_means() -> None:
    assert refused_in_words(410, "this invitation does not work; ask for a new one") == (
        "the practice refused: this invitation does not work; ask for a new one"
    )
    assert refused_in_words(409, "") == "the practice refused: it cannot do this now"
    assert refused_in_words(503, "") == (
        "the practice's server ran into a problem of its own (no reason given); try again later, and tell your "
        "practitioner if it goes on"
    )
