"""The API's pattern for a note refuses exactly the characters the journal refuses in one (records.check_note), so
the schema says what the server enforces."""

import re

import pytest

from crest.journal.records import InvalidNote, check_note
from crest.web.schemas import NOTE_PATTERN


def test_the_note_pattern_refuses_what_the_journal_refuses() -> None:
    for code in [*range(0x3000), 0xFEFF]:
        if 0xD800 <= code <= 0xDFFF:
            continue  # a lone surrogate is broken text, which JSON cannot carry to the pattern
        note = f"a{chr(code)}b"
        try:
            check_note(note)
        except InvalidNote:
            assert not re.fullmatch(NOTE_PATTERN, note), hex(code)
        else:
            assert re.fullmatch(NOTE_PATTERN, note), hex(code)


@pytest.mark.parametrize("kept", ["a\nb", "a\r\nb", "a\rb", "a\tb", "Café 👩‍⚕️ שלום"])
def test_the_note_pattern_keeps_line_breaks_tabs_and_every_script(kept: str) -> None:
    assert re.fullmatch(NOTE_PATTERN, kept)
