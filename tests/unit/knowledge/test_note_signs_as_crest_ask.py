"""A check-in's note names the warning signs `crest ask` pins for the same words: its entries come from the red-flag
rules that fired on it (read once, for the signs' words too), never from a second reading that could disagree.
Every warning question and near miss of bench/help_questions (all parts) and every unit phrasing are read both ways."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from test_red_flags import NEAR_MISSES, PHRASINGS

from crest.journal.records import CheckIn
from crest.knowledge.loader import load_help
from crest.knowledge.red_flags import RULES
from crest.knowledge.text import clean_question
from crest.services.checkins import note_warning_entries
from crest.services.help import help_search

QUESTIONS = Path(__file__).resolve().parents[3] / "bench" / "help_questions"
NOW = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)


def _lines(name: str) -> list[str]:
    return [
        line
        for path in sorted(QUESTIONS.glob(f"*/{name}"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


WARNING_QUESTIONS = [line.split("\t")[2] for line in _lines("red_flags.tsv")]
EVERY_QUESTION = [
    *WARNING_QUESTIONS,
    *_lines("near_misses.txt"),
    *(phrasing for phrasings in PHRASINGS.values() for phrasing in phrasings),
    *NEAR_MISSES,
]


def test_every_part_of_the_bench_is_read() -> None:
    parts = {path.parent.name for path in QUESTIONS.glob("*/red_flags.tsv")}
    assert {"tuning", "untouched", "untouched_2", "readers", "readers_8"} <= parts
    assert len(WARNING_QUESTIONS) > 500


def test_every_rule_leads_to_a_warning_sign_entry() -> None:
    content = load_help()
    assert all(getattr(content.entry(rule.entry_id), "level", None) for rule in RULES)


@pytest.mark.parametrize("question", EVERY_QUESTION)
def test_a_note_names_the_entries_crest_ask_pins_for_its_words(question: str) -> None:
    pinned = tuple(entry.id for entry in help_search().warning_signs(clean_question(question)))
    assert note_warning_entries(CheckIn(at=NOW, note=question)) == pinned
