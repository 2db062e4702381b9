"""Reading the one-sheet CSV that crest exported before the CSV became a table per record type, so that those
backups still import. One row per record; the `record` column says which kind (session, check_in, pain,
safety_screen, setting, psfs, psfs_activity, safety_clearance) and only that kind's columns are filled. Pain rows
follow their check-in, activity rows their PSFS round. Sheets from before PSFS (without its two columns), and
before clearances and logged sessions (without their four), are read too.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from datetime import datetime

from crest.input_problems import quoted
from crest.journal import capacity
from crest.journal.records import JournalContents
from crest.journal.transfer.csv_format import table_headed
from crest.journal.transfer.reading import (
    Collector,
    Place,
    check_in_record,
    clearance_record,
    moment,
    not_an_export,
    pain_record,
    psfs_activity_record,
    read_field,
    record_id,
    screen_record,
    session_record,
)

LEGACY_COLUMNS: tuple[str, ...] = (
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
)
# The columns of files written before clinicians' all-clears and logged sessions (schema r0004), and before PSFS.
LEGACY_COLUMNS_BEFORE_CLEARANCES: tuple[str, ...] = LEGACY_COLUMNS[:-4]
LEGACY_COLUMNS_BEFORE_PSFS: tuple[str, ...] = LEGACY_COLUMNS[:-6]


def legacy_csv_contents(text: str, source: str, now: datetime | None = None) -> JournalContents:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error:  # a first line no CSV reader can take (60 MB of spaces) is no crest header either
        raise not_an_export(source) from None
    known = (LEGACY_COLUMNS, LEGACY_COLUMNS_BEFORE_CLEARANCES, LEGACY_COLUMNS_BEFORE_PSFS)
    if header is not None and (table := table_headed(header)) is not None:
        # Said by the browser's Restore too, which cannot upload a folder, as not_an_export's words are
        raise Place(source, 1).error(None, f"this is one table ({table}) of a crest CSV export; import the whole zip")
    if header is None or tuple(header) not in known:
        raise not_an_export(source)
    columns = tuple(header)
    _check_counts(text, source)
    collected = Collector(now)
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
        fields = dict.fromkeys(LEGACY_COLUMNS, "") | dict(zip(columns, row, strict=True))
        _csv_record(place, fields, collected)
    return collected.contents()


_RECORD_CAPS: Mapping[str, capacity.RecordCap] = {
    "session": capacity.SESSIONS,
    "check_in": capacity.CHECK_INS,
    "pain": capacity.PAIN_RATINGS,
    "safety_screen": capacity.SAFETY_SCREENS,
    "safety_clearance": capacity.CLEARANCES,
    "setting": capacity.SETTINGS,
    "psfs": capacity.PSFS_ROUNDS,
    "psfs_activity": capacity.PSFS_ACTIVITIES,
}


def _check_counts(text: str, source: str) -> None:
    """Each kind's rows counted before any is read into a record; a sheet that is not valid CSV counts up to its
    first error, which reading it then reports."""
    counts = dict.fromkeys(_RECORD_CAPS, 0)
    try:
        for row in csv.reader(io.StringIO(text, newline="")):
            if row and row[0] in counts:
                counts[row[0]] += 1
    except csv.Error:
        pass
    for kind, count in counts.items():
        _RECORD_CAPS[kind].check(f"{source} holds", count)


_LEGACY_COLUMNS_BY_RECORD: Mapping[str, tuple[str, ...]] = {
    "session": (
        "id",
        "at",
        "planned_minutes",
        "actual_seconds",
        "variant",
        "status",
        "position_check_summary",
        "logged",
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
    if kind not in _LEGACY_COLUMNS_BY_RECORD:
        raise place.error(
            "record", f"unknown record kind {quoted(kind)}; expected one of {', '.join(_LEGACY_COLUMNS_BY_RECORD)}"
        )
    own = _LEGACY_COLUMNS_BY_RECORD[kind]
    for name in LEGACY_COLUMNS[1:]:
        if name not in own and fields[name] != "":
            raise place.error(name, f"a {kind} row leaves this column empty")
    if kind == "session":
        collected.add_session(place, session_record(place, fields, "at"), demo_said=False)
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
