"""A journal's records as plain fields: the shape both export formats and `crest history --json` share."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from crest.journal.records import (
    CheckIn,
    JournalContents,
    PainRating,
    PracticeSession,
    PsfsAssessment,
    SafetyClearance,
    SafetyScreen,
    SafetyWarning,
)

# Lists inside one text cell (CSV): sensations as `a;b`, safety answers as `question=yes;question=no`.
LIST_SEPARATOR = ";"
YES, NO = "yes", "no"


def time_text(moment: datetime) -> str:
    return moment.isoformat()


# A setting kept in a journal that has been linked to a practice (`crest link`, `crest sync`): the link itself is a
# file beside the journal, which an export does not see.
LINKED_SETTING = "linked_to_practice"


def carried_uids(contents: JournalContents) -> Mapping[str, Mapping[int, str]]:
    """The synced records' uids an export writes, by section: in a linked crest's journal only (marked so, or with
    practitioners' notes, which name their sessions by uid, as `crest sync` names every record), so that a restore
    keeps them and the next sync sends nothing again; one never linked has the fields it had before, for older
    crests to read."""
    return contents.uids if contents.session_notes or LINKED_SETTING in contents.settings else {}


def session_fields(session: PracticeSession) -> dict[str, Any]:
    """A session as JSON-ready fields (also what `crest history --json` prints)."""
    return {
        "id": session.id,
        "started_at": time_text(session.started_at),
        "planned_minutes": session.planned_minutes,
        "actual_seconds": session.actual_seconds,
        "variant": session.variant,
        "status": session.status,
        "position_check_summary": session.position_check_summary,
        "logged": session.logged,
        "breath": None if session.breath is None else session.breath.to_json_dict(),
        "demo": session.demo,
    }


def pain_fields(rating: PainRating) -> dict[str, Any]:
    return {"region": rating.region, "side": rating.side, "score": rating.score, "quality": rating.quality}


def check_in_fields(check_in: CheckIn) -> dict[str, Any]:
    """A check-in as JSON-ready fields, pain ratings included, and the signs read in its note when there are any:
    the most urgent as `note_sign`, as a crest from before several signs travelled reads it, and all of them as
    `note_signs` only when there are several (so a check-in with one or none reads, and fingerprints for sync, as
    before)."""
    fields: dict[str, Any] = {
        "id": check_in.id,
        "at": time_text(check_in.at),
        "timing": check_in.timing,
        "session_id": check_in.session_id,
        "pain": [pain_fields(rating) for rating in check_in.pain],
        "sensations": sorted(check_in.sensations),
        "compared_with_before": check_in.compared_with_before,
        "note": check_in.note,
    }
    if check_in.note_signs:
        fields["note_sign"] = check_in.note_signs[0]
    if len(check_in.note_signs) > 1:
        fields["note_signs"] = list(check_in.note_signs)
    if check_in.note_sign_rules:  # which sign of each fired: only then, so a check-in without reads as before
        fields["note_sign_rules"] = list(check_in.note_sign_rules)
    return fields


def screen_fields(screen: SafetyScreen) -> dict[str, Any]:
    return {
        "id": screen.id,
        "answered_at": time_text(screen.answered_at),
        "advice_level": screen.advice_level,
        "answers": dict(screen.answers),
    }


def clearance_fields(clearance: SafetyClearance) -> dict[str, Any]:
    return {
        "id": clearance.id,
        "recorded_at": time_text(clearance.recorded_at),
        "clinician": clearance.clinician,
        "cleared_on": clearance.cleared_on.isoformat(),
        "question_ids": list(clearance.question_ids),
    }


def warning_fields(warning: SafetyWarning) -> dict[str, Any]:
    """A kept warning without its id: nothing names it, and an import gives it a new one (a journal emptied by
    deleting everything may keep warnings of its own)."""
    return {
        "question_id": warning.question_id,
        "level": warning.level,
        "held_until": time_text(warning.held_until),
        "raised_at": None if warning.raised_at is None else time_text(warning.raised_at),
        "check_in_id": warning.check_in_id,
        "title": warning.title,
        "named": warning.named,
        # the red-flag rules its sign came from: only then, so a warning without (from a rated place) reads as before
        **({"sign_rules": list(warning.sign_rules)} if warning.sign_rules else {}),
    }


def psfs_fields(assessment: PsfsAssessment) -> dict[str, Any]:
    return {
        "id": assessment.id,
        "at": time_text(assessment.at),
        "activities": [{"name": activity.name, "score": activity.score} for activity in assessment.activities],
    }


SESSION_FIELDS = (
    "id",
    "started_at",
    "planned_minutes",
    "actual_seconds",
    "variant",
    "status",
    "position_check_summary",
    "logged",
    "breath",
    "demo",
)
# A synced record's uid (a session's, check-in's, safety screen's or PSFS entry's), written by `carried_uids`.
UID_FIELDS = ("uid",)
CHECK_IN_FIELDS = ("id", "at", "timing", "session_id", "pain", "sensations", "compared_with_before", "note")
# Written when set: the signs read in the note, which a practice may keep without it (CSV: a `note_signs` column).
CHECK_IN_OPTIONAL_FIELDS = ("note_sign", "note_signs", "note_sign_rules")
SCREEN_FIELDS = ("id", "answered_at", "advice_level", "answers")
PAIN_FIELDS = ("region", "side", "score", "quality")
CLEARANCE_FIELDS = ("id", "recorded_at", "clinician", "cleared_on", "question_ids")
PSFS_FIELDS = ("id", "at", "activities")
WARNING_FIELDS = ("question_id", "level", "held_until", "raised_at", "check_in_id", "title", "named")
# Written when set: the red-flag rules a kept sign came from (CSV: a `sign_rules` column).
WARNING_OPTIONAL_FIELDS = ("sign_rules",)
