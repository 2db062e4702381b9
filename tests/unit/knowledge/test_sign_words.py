"""Each red-flag rule names its own sign in the person's words (`sign_words`), so a check-in that fired one rule of a
help entry is never named by the entry's title, which lists every sign of it."""

from crest.knowledge.red_flags import RULES
from crest.knowledge.sign_words import RULE_ENTRIES, SIGN_WORDS, entry_of, said_of


def test_every_rule_has_its_words_and_no_words_name_a_rule_that_is_not() -> None:
    assert set(SIGN_WORDS) == {rule.name for rule in RULES}


def test_the_same_words_never_name_signs_of_two_entries() -> None:
    entries: dict[str, set[str]] = {}
    for name, words in SIGN_WORDS.items():
        entries.setdefault(words, set()).add(RULE_ENTRIES[name])
    assert all(len(found) == 1 for found in entries.values())


def test_a_sign_is_named_by_the_rules_of_its_entry_that_fired_each_once() -> None:
    fired = ["night_pain", "fever_or_chills", "unexplained_weight_loss", "night_pain"]
    assert said_of("warning_cancer", fired) == (
        "Pain at night that changing position does not ease; weight lost without trying"
    )
    assert said_of("warning_infection", fired) == "A fever or chills"


def test_without_a_known_rule_of_its_entry_there_are_no_words_and_the_entry_names_it() -> None:
    assert said_of("warning_cancer", ()) is None
    assert said_of("warning_cancer", ["a_rule_of_a_newer_crest", "fever_or_chills"]) is None


def test_words_said_of_a_sign_lead_back_to_its_entry() -> None:
    assert entry_of(said_of("warning_cancer", ["night_pain", "history_of_cancer"]) or "") == "warning_cancer"
    assert entry_of("Back pain with a history of cancer, weight loss, night pain or no improvement") is None


def test_words_a_later_crest_reworded_lead_to_their_entry_by_the_rules_they_came_from() -> None:
    assert entry_of("Pain or tightness in the chest", ["chest_pain"]) == "warning_emergency"
    assert entry_of("Pain or tightness in the chest", ["a_rule_of_a_newer_crest"]) is None
    assert entry_of("Pain or tightness in the chest") is None
