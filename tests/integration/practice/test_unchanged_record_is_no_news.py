"""A record the practice already holds, sent again unchanged, is no news (practice walk s56, item 1): a client
deleted practice-sync.json (safe, the README says) and ran crest sync, which sent every record again; the unchanged
check-in's stored_at moved to that sync, and the critical alert the practitioner had acknowledged read unacknowledged
again. Unlinking and linking again (a new computer token) did the same. The practice now keeps when it stored a
record while the record comes again as it was (SQLite and PostgreSQL); a record changed at home is still news."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crest.accounts.model import Client
from crest.insights.alerts import AlertKind
from crest.journal.records import CheckIn, PainRating
from crest.journal.store import Journal
from crest.services.accounts import token_hash
from crest.services.bundle import Services
from support.practice import Practice, followed_zoe
from support.practice_web import ALL_CLEAR

CRITICAL = (AlertKind.SEVERE_PAIN, AlertKind.RED_FLAG)


@contextmanager
def _zoes_crest(folder: Path, practice: Practice) -> Iterator[Services]:
    with Journal.open(f"sqlite:///{folder / 'crest.db'}", clock=practice.clock) as journal:
        yield Services.over(journal, practice.clock, UTC)


def _linked(practice: Practice, zoe: Client) -> int:
    """A computer of Zoe's linked (`crest link`): its device id."""
    account = practice.store.account(zoe.account_id)
    assert account is not None
    device = practice.store.device(token_hash(practice.accounts.link_device(zoe, account, "pc")))
    assert device is not None
    return device.id


def _stored_at(practice: Practice, zoe: Client) -> tuple[datetime | None, datetime | None]:
    """When the practice stored Zoe's check-in and her safety answers."""
    journal = practice.journal.for_person(zoe.person_id)
    [check_in] = journal.list_checkins()
    screen = journal.latest_safety_screen()
    assert screen is not None
    return check_in.stored_at, screen.stored_at


@pytest.mark.parametrize("linked_again", [False, True], ids=["sync-state-deleted", "unlinked-and-linked-again"])
def test_an_acknowledged_alert_stays_acknowledged_when_its_records_come_again_unchanged(
    practice: Practice, tmp_path: Path, linked_again: bool
) -> None:
    physio, zoe = followed_zoe(practice)
    device = _linked(practice, zoe)
    with _zoes_crest(tmp_path, practice) as local:
        local.safety.record(ALL_CLEAR | {"night_pain": True})
        check_in = local.check_ins.add(CheckIn(at=practice.clock(), pain=(PainRating("lower_back", 9, "centre"),)))
        everything = local.sync.outgoing().batch({"check_ins": [check_in.id or 0], "safety_screens": [1]})
    practice.practice.receive_sync(zoe, device, *everything, {})
    first_stored = _stored_at(practice, zoe)
    practice.clock.advance(600)
    for kind in CRITICAL:
        practice.practice.acknowledge(physio, zoe.account_id, kind.value)
    assert practice.practice.clients(physio)[0].alerts == ()
    practice.clock.advance(3600)
    if linked_again:  # crest unlink ends the token; crest link makes another
        practice.store.revoke_device(device, practice.clock())
        device = _linked(practice, zoe)

    practice.practice.receive_sync(zoe, device, *everything, {})  # every record sent again, unchanged

    assert _stored_at(practice, zoe) == first_stored
    [row] = practice.practice.clients(physio)
    assert row.alerts == ()
    assert {alert.kind for alert in row.acknowledged} == set(CRITICAL)
    detail = practice.practice.client_detail(physio, zoe.account_id)
    assert set(detail.acknowledged_at) == set(CRITICAL)


def test_a_record_changed_at_home_is_still_news(practice: Practice, tmp_path: Path) -> None:
    physio, zoe = followed_zoe(practice)
    device = _linked(practice, zoe)
    with _zoes_crest(tmp_path, practice) as local:
        local.safety.record(ALL_CLEAR | {"night_pain": True})
        check_in = local.check_ins.add(CheckIn(at=practice.clock(), pain=(PainRating("lower_back", 9, "centre"),)))
        practice.practice.receive_sync(
            zoe, device, *local.sync.outgoing().batch({"check_ins": [check_in.id or 0], "safety_screens": [1]}), {}
        )
        for kind in CRITICAL:
            practice.practice.acknowledge(physio, zoe.account_id, kind.value)
        practice.clock.advance(3600)
        worse = local.check_ins.replace(
            check_in.id or 0, replace(check_in, pain=(PainRating("lower_back", 10, "centre"),))
        )
        practice.practice.receive_sync(zoe, device, *local.sync.outgoing().batch({"check_ins": [worse.id or 0]}), {})

    assert _stored_at(practice, zoe)[0] == practice.clock()
    [row] = practice.practice.clients(physio)
    [pain] = row.alerts
    assert pain.kind is AlertKind.SEVERE_PAIN and pain.text == "pain 10/10 at the lower back (centre)"
