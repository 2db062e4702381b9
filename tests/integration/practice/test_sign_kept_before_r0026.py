"""An urgent sign kept apart from its check-in before r0026 is named by its help entry's title ("New bladder, bowel
or saddle changes, or both legs affected"), and the same check-in's sign since by its own words: the person's list
and the practitioner's alert and client page named the one sign twice. Each sign is said once, by its words, held
as long as the kept hold (SQLite and PostgreSQL at the practice; the person's journal migrated from r0025)."""

from __future__ import annotations

from datetime import UTC, timedelta
from pathlib import Path

from crest.insights.alerts import AlertKind
from crest.journal.records import SafetyWarning
from crest.journal.store import Journal
from crest.safety.screen import ANSWER_AGAIN_AFTER, QUESTIONS, AdviceLevel
from crest.services.bundle import Services
from crest.services.checkins import entry_warning
from support.databases import older_journal_with_a_session, run_sql
from support.journal_sync import sync_of
from support.practice import Practice, followed_zoe

NOTE = "since yesterday I can't control my bladder properly"
WORDS = "New trouble passing urine or controlling the bladder or bowels"  # its own words (`sign_words`)
ENTRY_TITLE = entry_warning("warning_cauda_equina").title
BEFORE = "r0025_stored_at"
ENTERED_LATE = timedelta(days=3)  # the kept hold ends later than the check-in's own: it must stay


def test_a_sign_kept_before_r0026_is_said_once_by_its_words_at_home_and_at_the_practice(
    practice: Practice, tmp_path: Path
) -> None:
    physio, zoe = followed_zoe(practice)
    url = f"sqlite:///{tmp_path / 'crest.db'}"
    at = practice.clock() - timedelta(days=1)
    held_until = at + ANSWER_AGAIN_AFTER[AdviceLevel.URGENT] + ENTERED_LATE
    older_journal_with_a_session(url, BEFORE, at - timedelta(hours=1))
    run_sql(
        url,
        "INSERT INTO check_ins (id, uid, at, timing, note, note_signs) "
        "VALUES (1, 'c1', :at, 'standalone', :note, 'warning_cauda_equina')",
        at=at.replace(tzinfo=None),
        note=NOTE,
    )
    run_sql(  # as crest kept it, named by the entry, when the check-in was corrected before r0026
        url,
        "INSERT INTO safety_warnings (question_id, level, held_until, raised_at, check_in_id, title, named) "
        "VALUES ('bladder_bowel_saddle', 'urgent', :held_until, :at, 1, :title, :title)",
        held_until=held_until.replace(tzinfo=None),
        at=at.replace(tzinfo=None),
        title=ENTRY_TITLE,
    )
    with Journal.open(url, clock=practice.clock) as journal:
        at_home = Services.over(journal, practice.clock, UTC)
        at_home.safety.record({question.id: False for question in QUESTIONS})
        standing = at_home.safety.standing()
        assert [reason.sign.title for reason in standing.check_in_reasons] == [WORDS]
        assert standing.level is AdviceLevel.URGENT and standing.answer_again_from == held_until
        text, uids = sync_of(journal, practice.clock).outgoing().batch({"check_ins": [1], "safety_screens": [1]})
    practice.practice.receive_sync(zoe, None, text, uids, {})
    on_server = practice.services_for(zoe.person_id)
    [check_in] = on_server.check_ins.list_check_ins()
    kept = SafetyWarning("bladder_bowel_saddle", "urgent", held_until, at, check_in.id, ENTRY_TITLE, ENTRY_TITLE)
    practice.journal.for_person(zoe.person_id).keep_safety_warnings([kept])  # as a practice kept it before r0026

    [row] = practice.practice.clients(physio)
    [alert] = [alert for alert in row.alerts if alert.kind is AlertKind.WARNING_SIGNS]
    detail = practice.practice.client_detail(physio, row.client_id)
    [detail_alert] = [alert for alert in detail.alerts if alert.kind is AlertKind.WARNING_SIGNS]
    [named] = detail.check_in_signs.values()
    for said in (alert.text, detail_alert.text, "; ".join(named)):
        assert WORDS.lower() in said.lower() and ENTRY_TITLE.lower() not in said.lower(), said
