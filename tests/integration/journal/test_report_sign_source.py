"""The clinician report says where a warning sign came from: a check-in that named it (with its date) or a "yes" to a
safety question, never "no warning sign was answered yes" beside urgent advice; "In short" names the concern."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from datetime import UTC, timedelta
from html import unescape

import pytest

from crest.journal.records import CheckIn, PainRating
from crest.journal.store import Journal
from crest.safety.screen import KNOWN_QUESTIONS, QUESTIONS
from crest.services.bundle import Services
from support.clock import FakeClock

NO_TO_ALL = {question.id: False for question in QUESTIONS}
# named by its own words (`sign_words`), not by its help entry's title
SIGN = "warning sign in a check-in of 1 May 2026: numbness or a changed feeling in the saddle area, between the legs"
# listed apart from the advice (the safety section's list), a sign says what it asks
LISTED = "Warning sign (seek urgent care)" + SIGN.removeprefix("warning sign")


@pytest.fixture
def services(journal: Journal, clock: FakeClock) -> Iterator[Services]:
    yield Services.over(journal, clock, UTC)


def _section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    text = re.sub(r"<[^>]+>", " ", html[start : html.index("</section>", start)])
    return " ".join(unescape(text).split())


def _report(services: Services) -> str:
    return services.clinician_reports.html(services.clinician_reports.build())


def _saddle_note(services: Services) -> None:
    services.check_ins.add(
        CheckIn(at=services.clock(), pain=(PainRating("lower_back", 8, "centre"),), note="numbness in the saddle area")
    )


def test_a_sign_named_in_a_check_in_is_reported_as_such_after_all_no_answers(
    services: Services, clock: FakeClock
) -> None:
    services.safety.record(NO_TO_ALL)
    clock.advance(60)
    _saddle_note(services)
    html = _report(services)
    safety = _section(html, "r-safety")
    assert "crest advised seeking urgent medical care at once." in safety
    assert LISTED in safety and "cauda equina" in safety  # with its source
    assert "Safety questions last answered 1 May 2026" in safety and "every answer was “no”" in safety
    assert "was answered" not in safety
    assert "numbness in the saddle area" not in html  # the note's words stay out unless notes are included
    assert f"crest advised seeking urgent medical care at once. Why: {SIGN}." in _section(html, "r-summary")
    # The words a reader meets: a chart's <style> is not text (its rules start with a dot after the chart's title).
    assert ".." not in re.sub(r"<style.*?</style>|<[^>]+>", "", html, flags=re.DOTALL)


def test_a_sign_named_before_any_answers_is_reported(services: Services) -> None:
    _saddle_note(services)
    safety = _section(_report(services), "r-safety")
    assert LISTED in safety and "The safety questions have not been answered." in safety


def test_a_yes_answer_is_reported_as_an_answer(services: Services) -> None:
    services.safety.record(NO_TO_ALL | {"bladder_bowel_saddle": True})
    html = _report(services)
    safety = _section(html, "r-safety")
    assert "Answered yes to “" in safety and "warning sign in a check-in" not in safety.lower()
    assert "every answer" not in safety
    assert "Why: a “yes” to “" in _section(html, "r-summary")


def test_nothing_standing_says_so_and_names_no_concern(services: Services) -> None:
    services.safety.record(NO_TO_ALL)
    html = _report(services)
    assert "No warning sign stands" in _section(html, "r-safety")
    assert "Why:" not in _section(html, "r-summary")


def test_a_sign_named_in_check_in_after_check_in_is_reported_once_with_how_many(
    services: Services, clock: FakeClock
) -> None:
    for _ in range(3):
        _saddle_note(services)
        clock.advance(24 * 3600)
    html = _report(services)
    repeated = (
        "warning sign in 3 check-ins from 1 May 2026 to 3 May 2026: numbness or a changed feeling in the saddle area, "
        "between the legs"
    )
    listed = "Warning sign (seek urgent care)" + repeated.removeprefix("warning sign")
    assert _section(html, "r-safety").count("Warning sign (") == 1 and listed in _section(html, "r-safety")
    assert _section(html, "r-summary").count("warning sign in") == 1 and repeated in _section(html, "r-summary")


def test_signs_a_clinician_cleared_before_any_answers_are_reported_as_cleared_not_as_unreadable_answers(
    services: Services,
) -> None:
    services.check_ins.add(
        CheckIn(at=services.clock(), pain=(PainRating("calf_and_shin", 4, "right", quality="tingling"),))
    )
    services.safety.record_clearance("Dr Ames, physiotherapist", services.clock().date())
    safety = _section(_report(services), "r-safety")
    assert "No warning sign stands: a clinician cleared each sign below." in safety
    assert "cleared by Dr Ames, physiotherapist" in safety and "The safety questions have not been answered." in safety
    assert "cannot read" not in safety


def test_each_standing_sign_is_named_under_its_own_advice_in_the_html_and_the_pdf(services: Services) -> None:
    # An urgent sign from a check-in beside a "see a clinician" answer: the answer was listed as a reason for urgent
    # care.
    services.safety.record(NO_TO_ALL | {"new_loss_of_feeling_or_strength": True})
    _saddle_note(services)
    report = services.clinician_reports.build()
    question = "Have you noticed any new loss of feeling or strength, anywhere in your body?"
    urgent = f"crest advised seeking urgent medical care at once. Why: {SIGN}."
    see_clinician = (
        "crest advised seeing a clinician before continuing, and starts no session until then. "
        f"Why: a “yes” to “{question}”."
    )
    summary = _section(services.clinician_reports.html(report), "r-summary")
    assert urgent in summary and see_clinician in summary
    assert summary.index(urgent) < summary.index(see_clinician)  # the most serious first
    pdf = services.clinician_reports.pdf(report)
    printed = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    printed = " ".join(printed.split())
    assert urgent in printed and see_clinician in printed


def test_a_sign_told_late_and_again_on_time_the_same_day_is_one_entry_with_one_source(
    services: Services, clock: FakeClock
) -> None:
    """A check-in entered hours after the time it tells of keeps its urgent sign apart (with the safety question's
    source); another that day is read from its note (with the help entry's): one sign, said once, one source text
    (the walk-through found it twice, its source worded two ways)."""
    clock.advance(5 * 3600)
    for hours_ago in (4, 0):
        services.check_ins.add(
            CheckIn(at=clock() - timedelta(hours=hours_ago), pain=(), note="new bladder trouble since this morning")
        )
    summary = services.clinician_reports.build().safety
    assert summary is not None
    named = [where for where, _ in summary.named_in_check_ins]
    assert named == [
        "warning sign (seek urgent care) in 2 check-ins of 1 May 2026: new trouble passing urine or controlling the "
        "bladder or bowels"
    ]
    assert summary.named_in_check_ins[0][1] == KNOWN_QUESTIONS["bladder_bowel_saddle"].source
    assert [len(concern.reasons) for concern in summary.concerns] == [1]
