"""Text a person or a practice wrote, as the terminal is given it: `shown` keeps lines and tabs and writes every other
control character as an escape (as `one_line` does); `terminal_json` does the same inside JSON, with JSON's escapes."""

import json

import pytest

from crest.errors import one_line, shown, terminal_json


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Feet\x1b[2J flat", "Feet\\x1b[2J flat"),
        ("Feet\x9b2J flat\x7f", "Feet\\x9b2J flat\\x7f"),
        ("Pat \u202eevil \u2066x\u2069", "Pat \\u202eevil \\u2066x\\u2069"),
        ("Lone\rreturn", "Lone\\rreturn"),  # it would send the cursor back and the rest over the line
        ("Two\r\nlines\n\tand a tab", "Two\r\nlines\n\tand a tab"),
        ("Café 👩‍⚕️ שלום", "Café 👩‍⚕️ שלום"),
    ],
)
def test_shown_escapes_what_a_terminal_acts_on_and_keeps_lines(text: str, said: str) -> None:
    assert shown(text) == said
    if not set("\n\t") & set(text):
        assert shown(text) == one_line(text)  # the same escapes as every error line


def test_terminal_json_reads_back_as_the_same_strings_with_nothing_raw() -> None:
    value = {"note": "Feet\x9b2J flat\x7f \u202eevil \x1b[2J", "plain": "Café 👩‍⚕️\n"}
    text = terminal_json(json.dumps(value, ensure_ascii=False))
    assert not set("\x9b\x7f\u202e\x1b") & set(text)
    assert "Café 👩‍⚕️" in text and json.loads(text) == value
