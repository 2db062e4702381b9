"""CSV: one table, one row per record; the `record` column says which kind (session, check_in, pain,
safety_screen, setting, psfs, psfs_activity, safety_clearance) and only that kind's columns are filled.
Pain rows follow their check-in, activity rows their PSFS round. Files written before PSFS (without its two
columns), before clearances and logged sessions (without their four), and before breath readings (without
their two) are read too.

A session's breath reading is summed up for a spreadsheet: its rate (the median of the windows with a reading)
and how many times the body moved. Its windows travel in JSON only, so an import from CSV leaves them out.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from typing import Any

from crest.journal.records import JournalContents
from crest.journal.transfer.fields import LIST_SEPARATOR, NO, YES, pain_fields, session_fields, time_text
from crest.journal.transfer.reading import (
    Collector,
    Place,
    check_in_record,
    clearance_record,
    moment,
    optional_count,
    optional_rate_bpm,
    pain_record,
    psfs_activity_record,
    read_field,
    record_id,
    screen_record,
    session_record,
)

CSV_COLUMNS: tuple[str, ...] = (
    "record",
    "id",
    "at",
    "planned_minutes",
    "actual_seconds",
    "variant",
    "status",
    "position_check_summary",
    "timing",
    "session_id",
    "check_in_id",
    "compared_with_before",
    "sensations",
    "note",
    "region",
    "side",
    "score",
    "advice_level",
    "answers",
    "key",
    "value",
    "assessment_id",
    "activity",
    "clinician",
    "cleared_on",
    "question_ids",
    "logged",
    "breath_rate_bpm",
    "breath_movements",
)
# The columns of files written before breath readings, before clinicians' all-clears and logged sessions
# (schema r0004), and before PSFS.
COLUMNS_BEFORE_BREATH: tuple[str, ...] = CSV_COLUMNS[:-2]
COLUMNS_BEFORE_CLEARANCES: tuple[str, ...] = COLUMNS_BEFORE_BREATH[:-4]
COLUMNS_BEFORE_PSFS: tuple[str, ...] = COLUMNS_BEFORE_BREATH[:-6]


def _csv_rows(contents: JournalContents) -> Iterator[dict[str, Any]]:
    for session in contents.sessions:
        fields = session_fields(session)
        fields["at"] = fields.pop("started_at")
        fields["logged"] = "true" if session.logged else "false"
        breath = fields.pop("breath")
        if breath is not None:
            fields["breath_rate_bpm"] = breath["rate_bpm"]
            fields["breath_movements"] = len(breath["movements"])
        yield {"record": "session", **fields}
    for check_in in contents.check_ins:
        yield {
            "record": "check_in",
            "id": check_in.id,
            "at": time_text(check_in.at),
            "timing": check_in.timing,
            "session_id": check_in.session_id,
            "compared_with_before": check_in.compared_with_before,
            "sensations": LIST_SEPARATOR.join(sorted(check_in.sensations)),
            "note": check_in.note,
        }
        for rating in check_in.pain:
            yield {"record": "pain", "check_in_id": check_in.id, **pain_fields(rating)}
    for screen in contents.safety_screens:
        answers = LIST_SEPARATOR.join(
            f"{key}={YES if value else NO}" for key, value in screen.answers.items()
        )
        yield {
            "record": "safety_screen",
            "id": screen.id,
            "at": time_text(screen.answered_at),
            "advice_level": screen.advice_level,
            "answers": answers,
        }
    for clearance in contents.safety_clearances:
        yield {
            "record": "safety_clearance",
            "id": clearance.id,
            "at": time_text(clearance.recorded_at),
            "clinician": clearance.clinician,
            "cleared_on": clearance.cleared_on.isoformat(),
            "question_ids": LIST_SEPARATOR.join(clearance.question_ids),
        }
    for key, value in sorted(contents.settings.items()):
        yield {"record": "setting", "key": key, "value": value}
    for assessment in contents.psfs:
        yield {"record": "psfs", "id": assessment.id, "at": time_text(assessment.at)}
        for activity in assessment.activities:
            yield {
                "record": "psfs_activity",
                "assessment_id": assessment.id,
                "activity": activity.name,
                "score": activity.score,
            }


def export_csv(contents: JournalContents) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in _csv_rows(contents):
        writer.writerow({name: "" if value is None else value for name, value in row.items()})
    return buffer.getvalue()


def csv_contents(text: str, source: str) -> JournalContents:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise Place(source, 1).error(None, f"not valid CSV ({error})") from None
    known = (CSV_COLUMNS, COLUMNS_BEFORE_BREATH, COLUMNS_BEFORE_CLEARANCES, COLUMNS_BEFORE_PSFS)
    if header is None or tuple(header) not in known:
        raise Place(source, 1).error(None, "the header is not a crest export's: " + ",".join(CSV_COLUMNS))
    columns = tuple(header)
    collected = Collector()
    while True:
        place = Place(source, reader.line_num + 1)
        try:
            row = next(reader, None)
        except csv.Error as error:
            raise place.error(None, f"not valid CSV ({error})") from None
        if row is None:
            break
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(columns):
            raise place.error(None, f"{len(row)} columns instead of {len(columns)}")
        fields = dict.fromkeys(CSV_COLUMNS, "") | dict(zip(columns, row, strict=True))
        _csv_record(place, fields, collected)
    return collected.contents()


_CSV_COLUMNS_BY_RECORD: Mapping[str, tuple[str, ...]] = {
    "session": (
        "id",
        "at",
        "planned_minutes",
        "actual_seconds",
        "variant",
        "status",
        "position_check_summary",
        "logged",
        "breath_rate_bpm",
        "breath_movements",
    ),
    "check_in": ("id", "at", "timing", "session_id", "compared_with_before", "sensations", "note"),
    "pain": ("check_in_id", "region", "side", "score"),
    "safety_screen": ("id", "at", "advice_level", "answers"),
    "safety_clearance": ("id", "at", "clinician", "cleared_on", "question_ids"),
    "setting": ("key", "value"),
    "psfs": ("id", "at"),
    "psfs_activity": ("assessment_id", "activity", "score"),
}


def _csv_record(place: Place, fields: dict[str, str], collected: Collector) -> None:
    kind = fields["record"]
    if kind not in _CSV_COLUMNS_BY_RECORD:
        raise place.error(
            "record", f"unknown record kind '{kind}'; expected one of {', '.join(_CSV_COLUMNS_BY_RECORD)}"
        )
    own = _CSV_COLUMNS_BY_RECORD[kind]
    for name in CSV_COLUMNS[1:]:
        if name not in own and fields[name] != "":
            raise place.error(name, f"a {kind} row leaves this column empty")
    if kind == "session":
        # The breath summary is checked, though only JSON carries the reading itself back in.
        read_field(place, fields, "breath_rate_bpm", optional_rate_bpm)
        read_field(place, fields, "breath_movements", optional_count)
        collected.add_session(place, session_record(place, fields, "at"))
    elif kind == "check_in":
        collected.add_check_in(place, check_in_record(place, fields, ()))
    elif kind == "pain":
        collected.add_pain(place, read_field(place, fields, "check_in_id", record_id), pain_record(place, fields))
    elif kind == "safety_screen":
        collected.add_screen(place, screen_record(place, fields, "at"))
    elif kind == "safety_clearance":
        collected.add_clearance(place, clearance_record(place, fields, "at"))
    elif kind == "psfs":
        collected.add_psfs_round(
            place, read_field(place, fields, "id", record_id), read_field(place, fields, "at", moment)
        )
    elif kind == "psfs_activity":
        activity = psfs_activity_record(place, {"name": fields["activity"], "score": fields["score"]})
        collected.add_psfs_activity(place, read_field(place, fields, "assessment_id", record_id), activity)
    else:
        collected.add_setting(place, fields["key"], fields["value"])


