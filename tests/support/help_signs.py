"""The tests shared by the modules of words readers' parts found read wrongly: each warning sign of a module's table
pins its entry at its level, and each calm message does not fire the rule it was once mistaken for."""

from collections.abc import Callable

import pytest

from crest.services.help import help_search

Sign = tuple[str, str, str]  # (rule, entry pinned, its level)


def sign_tests(
    pinned: dict[Sign, tuple[str, ...]], not_fired: dict[str, tuple[str, ...]]
) -> tuple[Callable[[Sign, str], None], Callable[[str, str], None]]:
    """The two tests, over `pinned` (messages by the sign they must pin) and `not_fired` (by the rule they must not
    fire); a module assigns them to test_ names for pytest to collect."""

    @pytest.mark.parametrize(("sign", "question"), [(sign, said) for sign, each in pinned.items() for said in each])
    def pins_its_entry_and_level(sign: Sign, question: str) -> None:
        rule, entry_id, level = sign
        assert rule in [fired.name for fired in help_search().fired_rules(question)]
        pinned_entry = help_search().warning_sign(question)
        assert pinned_entry is not None and (pinned_entry.id, pinned_entry.level) == (entry_id, level)

    @pytest.mark.parametrize(("rule", "question"), [(rule, said) for rule, each in not_fired.items() for said in each])
    def does_not_fire_the_rule(rule: str, question: str) -> None:
        assert rule not in [fired.name for fired in help_search().fired_rules(question)]

    return pins_its_entry_and_level, does_not_fire_the_rule
