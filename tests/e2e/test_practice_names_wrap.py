"""The Clients list on a desktop (1100 px) and a phone (390 px): a client's name wraps between its words, never
inside one ("Featherstoneh / augh" on the desktop, practice walk-through LOW), unless a word is too long for any
column, which breaks, hyphenated, where crest.web.long_words put its soft hyphens; and an expired invitation's two
buttons sit side by side on the phone (they stacked)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from crest.accounts.model import Admin, Role
from crest.journal.records import CheckIn, PainRating
from crest.journal.store import Journal
from crest.web.long_words import SOFT_HYPHEN
from crest.web.practice_door import COOKIE_NAME
from support.clock import FakeClock
from support.practice import PASSWORD, Practice

SEVERE = PainRating("lower_back", 8, "centre")
SPACED = "Xavier Montgomery-Featherstonehaugh"
ONE_LONG_WORD = "Bo " + "Wolfeschlegelsteinhausenbergerdorff" * 2
# Where each line of a name's link breaks: after a space, a hyphen or a soft hyphen, or else inside a word.
BREAKS = """link => {
  const text = link.firstChild, breaks = [];
  let top = null;
  for (let i = 0; i < text.length; i++) {
    const range = document.createRange();
    range.setStart(text, i);
    range.setEnd(text, i + 1);
    const boxes = range.getClientRects(), box = boxes[boxes.length - 1];  // at a line's start: the new line's
    if (box && top !== null && box.top > top + 2) breaks.push(text.data[i - 1]);
    if (box) top = box.top;
  }
  return breaks;
}"""


@pytest.fixture(scope="module")
def practice(tmp_path_factory: pytest.TempPathFactory, serve_app: Callable[[Any], str]) -> tuple[str, dict[str, str]]:
    """A practice: Pat follows Xavier, whose alert is long (as on a full list, the columns share the width
    tightly), and has an invitation that expired; Max follows the client whose name has a word too long for any
    column. Its address and each practitioner's session."""
    from crest.accounts.passwords import TEST_COST
    from crest.web.app import create_app
    from crest.web.practice_app import PracticeOptions

    url = f"sqlite:///{Path(tmp_path_factory.mktemp('practice-names')) / 'practice.db'}"
    clock = FakeClock(datetime.now(UTC).replace(microsecond=0) - timedelta(days=20))
    with Journal.open(url, clock=clock) as journal:
        made = Practice.over(journal, clock)
        made.accounts.create_practice("Back in Balance", "ada@clinic.example", PASSWORD, "Ada Admin")
        signed = made.sign_in("ada@clinic.example", PASSWORD, None)
        admin = made.set_up_second_factor(signed.actor, signed.token)
        assert isinstance(admin, Admin)
        practitioners, clients = {}, []
        for who, name in (("pat", SPACED), ("max", ONE_LONG_WORD)):
            practitioner = made.practitioner(admin, f"{who}@clinic.example", who.title())
            clients.append(made.client(practitioner, f"client.of.{who}@example.org", name))
            practitioners[who] = practitioner
        made.accounts.invite(practitioners["pat"], Role.CLIENT, "never.joined@example.org")  # 20 days ago: expired
        clock.now = datetime.now(UTC)
        for client in clients:  # two warning signs and a pain of 8/10 today
            signs = CheckIn(at=clock(), note="new numbness in both legs since this morning", pain=(SEVERE,))
            made.services_for(client.person_id).check_ins.add(signs)
        tokens = {who: made.sign_in(f"{who}@clinic.example", PASSWORD, None).token for who in practitioners}
    app = create_app(url, clock=clock, practice=PracticeOptions(password_cost=TEST_COST))
    return serve_app(app), tokens


def _clients(browser: Any, practice: tuple[str, dict[str, str]], who: str, width: int, scheme: str) -> Any:
    """`who`'s list of clients, on a screen `width` wide in the `scheme` theme, with no sideways scroll."""
    base, tokens = practice
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    context.add_cookies([{"name": COOKIE_NAME, "value": tokens[who], "url": base}])
    page = context.new_page()
    page.goto(f"{base}/practice")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    return page


SCREENS = pytest.mark.parametrize(("width", "scheme"), [(1100, "light"), (390, "dark")])


@SCREENS
def test_a_name_wraps_between_its_words_and_an_expired_invitations_buttons_sit_side_by_side(
    browser: Any, practice: tuple[str, dict[str, str]], screenshot: Any, width: int, scheme: str
) -> None:
    page = _clients(browser, practice, "pat", width, scheme)
    name = page.locator("table.clients th a", has_text="Featherstonehaugh")
    assert set(name.evaluate(BREAKS)) <= {" ", "-"}  # between words only
    first, second = page.locator(".expired-invite .actions > *").all()
    one, other = first.bounding_box(), second.bounding_box()
    assert one is not None and other is not None and one["y"] == other["y"], (one, other)  # on one line
    assert other["x"] + other["width"] <= width
    screenshot(page, f"practice-names-wrap-{width}-{scheme}")
    page.context.close()


@SCREENS
def test_a_word_too_long_for_any_column_breaks_hyphenated(
    browser: Any, practice: tuple[str, dict[str, str]], width: int, scheme: str
) -> None:
    page = _clients(browser, practice, "max", width, scheme)
    name = page.locator("table.clients th a")
    broken = name.evaluate(BREAKS)
    assert broken and set(broken) <= {" ", SOFT_HYPHEN}  # at its soft hyphens, shown as hyphens
    assert name.inner_text().replace(SOFT_HYPHEN, "") == ONE_LONG_WORD
    page.context.close()
