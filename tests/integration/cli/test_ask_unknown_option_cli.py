"""`crest ask --bogus x` is refused as an option ask lacks, in one line naming its options (walk s56 L8), where it
answered the question "--bogus x". `--` before it, or quotes around it with its other words, still ask it: see
test_ask_cli's test_other_words_that_look_like_options_stay_in_the_question."""

import subprocess
from collections.abc import Callable

import pytest

RunCrest = Callable[..., subprocess.CompletedProcess[str]]


@pytest.mark.parametrize(
    "args", [["--bogus", "x"], ["--bogus"], ["--json", "--bogus=1", "x"], ["--verbose", "why", "do", "I", "yawn"]]
)
def test_a_question_opening_with_an_option_ask_lacks_is_refused_naming_its_options(
    run_crest: RunCrest, args: list[str]
) -> None:
    result = run_crest("ask", *args)
    assert result.returncode == 2 and result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    name = args[1 if args[0] == "--json" else 0].partition("=")[0]
    assert line == (
        f"crest: No such option: {name} (crest ask's options: --help, --json; a question starting with it goes "
        "after --) (see --help)"
    )
