"""Two tabs of one browser renewing the same sign-in at the same moment (the password changed, or everywhere else
signed out, from both; a double click): the later write found the sign-in renewed by the earlier, ended every
other sign-in, the earlier's new token among them, and both tabs were signed out (security walk s51 L3). Now the
later goes on under the earlier's new token: the person stays signed in, with one token alive. SQLite and
PostgreSQL, the earlier write made on another thread (its own connection) while the later one waits to write."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

from crest.accounts.model import Anonymous
from crest.services.accounts import SignedInSession
from support.practice import PASSWORD, Practice

ANN = "ann@example.org"
NEW_PASSWORD = "a slow morning by the sea"


def _ann(practice: Practice) -> SignedInSession:
    admin = practice.admin()
    pat = practice.practitioner(admin, "pat@clinic.example")
    practice.client(pat, ANN, "Ann")
    return practice.sign_in(ANN, PASSWORD, None)


def _change_password(practice: Practice, ann: SignedInSession) -> str | None:
    return practice.accounts.change_password(ann.actor, ann.token, PASSWORD, NEW_PASSWORD)


def _end_others(practice: Practice, ann: SignedInSession) -> str | None:
    return practice.accounts.end_other_sign_ins(ann.actor, ann.token, PASSWORD).token


# (the renewal from a tab, the store's write it waits on)
RENEWING: dict[str, tuple[Callable[[Practice, SignedInSession], str | None], str]] = {
    "changing the password": (_change_password, "change_password"),
    "signing out everywhere else": (_end_others, "end_other_access"),
}


def _earlier_write_first(
    practice: Practice, monkeypatch: pytest.MonkeyPatch, write: str, earlier: Callable[[], str | None]
) -> list[str | None]:
    """The later tab's write waits while the earlier tab, on another thread, renews the same sign-in and writes."""
    original = getattr(practice.store, write)
    renewed: list[str | None] = []

    def later_write(*args: Any) -> Any:
        monkeypatch.setattr(practice.store, write, original)  # the earlier tab's own write goes straight through
        other_tab = threading.Thread(target=lambda: renewed.append(earlier()))
        other_tab.start()
        other_tab.join()
        return original(*args)

    monkeypatch.setattr(practice.store, write, later_write)
    return renewed


@pytest.mark.parametrize("tick", [60, 0], ids=["a minute apart", "in one clock tick"])
@pytest.mark.parametrize("path", RENEWING)
def test_two_tabs_renewing_one_sign_in_at_once_leave_it_signed_in(
    practice: Practice, monkeypatch: pytest.MonkeyPatch, path: str, tick: int
) -> None:
    renew, write = RENEWING[path]
    ann = _ann(practice)
    practice.clock.advance(tick)  # a real clock moves on between sign-ins; an injected one may stand still
    other_browser = practice.sign_in(ANN, PASSWORD, None)
    practice.clock.advance(tick)
    earlier = _earlier_write_first(practice, monkeypatch, write, lambda: renew(practice, ann))

    later = renew(practice, ann)

    assert len(earlier) == 1 and earlier[0] is not None
    # the browser holds the earlier tab's token (the later's was never stored: the door leaves its cookie alone)
    assert practice.accounts.actor_for_session(earlier[0])[0] == ann.actor
    assert later is None or isinstance(practice.accounts.actor_for_session(later)[0], Anonymous)
    assert isinstance(practice.accounts.actor_for_session(ann.token)[0], Anonymous)
    assert isinstance(practice.accounts.actor_for_session(other_browser.token)[0], Anonymous)
    assert len(practice.store.open_sign_ins(ann.actor.account_id, practice.clock())) == 1


def test_a_sign_in_signed_out_meanwhile_is_not_kept_by_a_later_renewal(
    practice: Practice, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only a renewal's new token is kept: a tab that signed out while the other changed the password leaves
    nothing of that sign-in alive, and the change signs every other sign-in out as before."""
    ann = _ann(practice)
    practice.clock.advance(60)
    other_browser = practice.sign_in(ANN, PASSWORD, None)
    practice.clock.advance(60)

    def sign_out() -> None:
        practice.accounts.sign_out(ann.token, ann.actor, None)

    _earlier_write_first(practice, monkeypatch, "change_password", sign_out)

    renewed = _change_password(practice, ann)

    assert renewed is None or isinstance(practice.accounts.actor_for_session(renewed)[0], Anonymous)
    assert isinstance(practice.accounts.actor_for_session(other_browser.token)[0], Anonymous)
    assert practice.store.open_sign_ins(ann.actor.account_id, practice.clock()) == []


@pytest.mark.parametrize("tick", [60, 0], ids=["a minute apart", "in one clock tick"])
def test_a_sign_in_ended_by_another_browsers_renewal_is_not_taken_for_its_own(
    practice: Practice, monkeypatch: pytest.MonkeyPatch, tick: int
) -> None:
    """Two renewals in one clock tick, where matching by time picked wrongly: the other browser signs out everywhere
    else, renewed, while this tab's password change waits to write. This tab's sign-in ended without a renewal of
    its own; the other browser's new token began as it ended, with the same absolute time-out and address (both
    signed in in that tick), and was kept as this sign-in's renewal: the password change left it alive. Followed
    exactly (`renewed_as`), there is none, and the change ends every other sign-in, as a minute apart."""
    ann = _ann(practice)
    practice.clock.advance(tick)
    other_browser = practice.sign_in(ANN, PASSWORD, None)
    practice.clock.advance(tick)
    elsewhere = _earlier_write_first(
        practice, monkeypatch, "change_password", lambda: _end_others(practice, other_browser)
    )

    renewed = _change_password(practice, ann)

    assert len(elsewhere) == 1 and elsewhere[0] is not None
    assert renewed is None or isinstance(practice.accounts.actor_for_session(renewed)[0], Anonymous)
    assert isinstance(practice.accounts.actor_for_session(elsewhere[0])[0], Anonymous)
    assert practice.store.open_sign_ins(ann.actor.account_id, practice.clock()) == []


def test_a_sign_in_renewed_twice_meanwhile_goes_on_under_the_last_token(
    practice: Practice, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The earlier tab's new token renewed again (the browser, holding it, changed the password once more) before
    the later tab's write: the later follows both renewals to the token the browser holds now."""
    ann = _ann(practice)
    practice.clock.advance(60)

    def renewed_twice() -> str | None:
        once = _end_others(practice, ann)
        assert once is not None
        practice.clock.advance(60)
        return practice.accounts.end_other_sign_ins(ann.actor, once, PASSWORD).token

    earlier = _earlier_write_first(practice, monkeypatch, "end_other_access", renewed_twice)

    later = _end_others(practice, ann)

    assert len(earlier) == 1 and earlier[0] is not None
    assert practice.accounts.actor_for_session(earlier[0])[0] == ann.actor
    assert later is None or isinstance(practice.accounts.actor_for_session(later)[0], Anonymous)
    assert len(practice.store.open_sign_ins(ann.actor.account_id, practice.clock())) == 1
