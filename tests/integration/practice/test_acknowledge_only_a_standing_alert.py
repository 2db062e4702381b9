"""Acknowledging an alert the client does not have is refused as not found (practice walk s56, item 7): it answered
204 and kept an acknowledgement of nothing, which would hide the alert, unseen, if it were raised before that
moment's records came (SQLite and PostgreSQL). An alert that stands, open or acknowledged already, is acknowledged
as before."""

from __future__ import annotations

import pytest

from crest.accounts.permissions import Action
from crest.insights.alerts import AlertKind
from crest.journal.records import CheckIn, PainRating
from crest.services.accounts import NotFoundForYou, linked_client
from support.practice import Practice, followed_zoe


def test_an_alert_the_client_does_not_have_is_not_found_and_nothing_is_kept(practice: Practice) -> None:
    physio, zoe = followed_zoe(practice)
    with pytest.raises(NotFoundForYou, match="Zoe has no “severe pain” alert now; nothing was acknowledged"):
        practice.practice.acknowledge(physio, zoe.account_id, AlertKind.SEVERE_PAIN.value)
    link = linked_client(practice.store, physio, zoe.account_id, Action.ACKNOWLEDGE_ALERT).link
    assert practice.store.acknowledgements([link.id]) == {}


def test_a_standing_alert_is_acknowledged_open_or_acknowledged_already(practice: Practice) -> None:
    physio, zoe = followed_zoe(practice)
    practice.services_for(zoe.person_id).check_ins.add(
        CheckIn(at=practice.clock(), pain=(PainRating("lower_back", 8, "centre"),))
    )
    practice.clock.advance(60)
    for _ in range(2):
        practice.practice.acknowledge(physio, zoe.account_id, AlertKind.SEVERE_PAIN.value)
    [row] = practice.practice.clients(physio)
    assert row.alerts == () and [alert.kind for alert in row.acknowledged] == [AlertKind.SEVERE_PAIN]
