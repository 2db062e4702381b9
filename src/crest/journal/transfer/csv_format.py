"""CSV for a spreadsheet: a zip of one table per record type, each with a header row and one record per row.

sessions.csv, check_ins.csv, pain_ratings.csv (by check_in_id), safety_screens.csv, safety_answers.csv (by
screen_id), safety_clearances.csv, settings.csv, psfs.csv, psfs_activities.csv (by assessment_id) and
safety_warnings.csv carry what the JSON export carries, ids included, so the zip (or the folder it unzips to)
imports back. Files are UTF-8 with a byte order mark, which spreadsheets need to show accents right. A text cell
that a spreadsheet would run as a formula (=, +, -, @) is written after a `'`, which reading removes.

A session's breath reading is summed up for a spreadsheet: its rate (the median of the windows with a reading)
and how many times the body moved. Its windows travel in JSON only, so an import from CSV leaves them out.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from crest.input_problems import quoted
from crest.journal import capacity
from crest.journal.records import JournalContents
from crest.journal.transfer.fields import (
    CHECK_IN_FIELDS,
    CLEARANCE_FIELDS,
    LIST_SEPARATOR,
    NO,
    PAIN_FIELDS,
    SESSION_FIELDS,
    UID_FIELDS,
    WARNING_FIELDS,
    YES,
    carried_uids,
    clearance_fields,
    pain_fields,
    session_fields,
    time_text,
    warning_fields,
)
from crest.journal.transfer.practitioner_notes import NOTE_FIELDS, note_fields, note_record
from crest.journal.transfer.reading import (
    Collector,
    InvalidImportFile,
    NotAnExportFile,
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
    text_value,
    warning_record,
)

SESSIONS, CHECK_INS, PAIN, SCREENS, ANSWERS, CLEARANCES, SETTINGS, PSFS, ACTIVITIES, NOTES, WARNINGS = (
    "sessions.csv",
    "check_ins.csv",
    "pain_ratings.csv",
    "safety_screens.csv",
    "safety_answers.csv",
    "safety_clearances.csv",
    "settings.csv",
    "psfs.csv",
    "psfs_activities.csv",
    "session_notes.csv",
    "safety_warnings.csv",
)
# Every warning sign read in a check-in's note, in its order (most urgent first), joined by LIST_SEPARATOR
NOTE_SIGNS = "note_signs"
# ... and which sign of each fired (the red-flag rules' names, `CheckIn.note_sign_rules`), joined the same way
NOTE_SIGN_RULES = "note_sign_rules"
SIGN_CELLS = (NOTE_SIGNS, NOTE_SIGN_RULES)
# The red-flag rules a kept warning's sign came from (`SafetyWarning.sign_rules`), joined the same way
SIGN_RULES = "sign_rules"
TABLES: Mapping[str, tuple[str, ...]] = {
    SESSIONS: (
        *(name for name in SESSION_FIELDS if name != "breath"),
        "breath_rate_bpm",
        "breath_movements",
        *UID_FIELDS,
    ),
    CHECK_INS: (*(name for name in CHECK_IN_FIELDS if name != "pain"), NOTE_SIGNS, NOTE_SIGN_RULES, *UID_FIELDS),
    PAIN: ("check_in_id", *PAIN_FIELDS),
    SCREENS: ("id", "answered_at", "advice_level", *UID_FIELDS),
    ANSWERS: ("screen_id", "question_id", "answer"),
    CLEARANCES: CLEARANCE_FIELDS,
    SETTINGS: ("key", "value"),
    PSFS: ("id", "at", *UID_FIELDS),
    ACTIVITIES: ("assessment_id", "name", "score"),
    NOTES: NOTE_FIELDS,
    WARNINGS: (*WARNING_FIELDS, SIGN_RULES),
}
# Tables a journal may do without: a zip without them reads as a journal without such records.
OPTIONAL_TABLES = (CLEARANCES, PSFS, ACTIVITIES, NOTES, WARNINGS)
# Columns a table may do without: a zip written before they existed reads as if each row said false; the synced
# records' uids are written only by a linked crest (`carried_uids`).
OPTIONAL_COLUMNS: Mapping[str, frozenset[str]] = {
    SESSIONS: frozenset({"demo", *UID_FIELDS}),
    CHECK_INS: frozenset({NOTE_SIGNS, NOTE_SIGN_RULES, *UID_FIELDS}),
    SCREENS: frozenset(UID_FIELDS),
    PSFS: frozenset(UID_FIELDS),
    WARNINGS: frozenset({SIGN_RULES}),
}
# The tables of the records that carry uids, by the kind's name (as sync and the JSON sections name it).
UID_TABLES: Mapping[str, str] = {SESSIONS: "sessions", CHECK_INS: "check_ins", SCREENS: "safety_screens", PSFS: "psfs"}
README_NAME = "README.txt"
README = """A crest journal, one table per file (UTF-8 CSV; times are ISO 8601 with their offset):
sessions.csv         one row per practice session (logged: done without crest, not timed; demo: run faster than
                     real time, not counted as practice; breaths a minute and movements when the camera watched
                     the breath)
check_ins.csv        how you felt, before or after a session or on its own (sensations joined by ;); note_signs:
                     the warning signs read in its note, most urgent first, joined by ; (a practice may keep
                     them without the note); only when a check-in has any; note_sign_rules: which sign of each
                     fired (crest's names for them, e.g. night_pain), joined by ;, only when a check-in has any
pain_ratings.csv     each place rated in a check-in, 0-10, and what it was like (by the check-in's id)
safety_screens.csv   each time you answered the safety questions, and the advice
safety_answers.csv   the answers (screen_id is the safety screen's id)
safety_clearances.csv  a clinician's all-clear: who, which day, which answers it covers (joined by ;)
settings.csv         your preferences
psfs.csv             each time you rated your daily activities (the PSFS)
psfs_activities.csv  the activities and their scores, 0-10 (assessment_id is the psfs.csv id)
session_notes.csv    your practitioners' notes on your sessions, kept by `crest sync` (session_uid is the uid
                     column of sessions.csv); only when there are any
safety_warnings.csv  urgent-care warnings that still stand though what raised them was deleted or corrected, and
                     signs entered after the time they tell of (level see_clinician or urgent), held from their
                     entry: restored with the journal, each until held_until; only when there are any; sign_rules:
                     the rules its sign came from (as note_sign_rules), joined by ;, only when a warning has any
`crest import` (or Settings > Restore in the browser) reads this zip, or the folder it unzips to, back.
"""
# Each table's rows are counted before any is read into a record: a small zip can hold a huge table.
TABLE_CAPS: Mapping[str, capacity.RecordCap] = {
    SESSIONS: capacity.SESSIONS,
    CHECK_INS: capacity.CHECK_INS,
    PAIN: capacity.PAIN_RATINGS,
    SCREENS: capacity.SAFETY_SCREENS,
    ANSWERS: capacity.SAFETY_ANSWERS,
    CLEARANCES: capacity.CLEARANCES,
    SETTINGS: capacity.SETTINGS,
    PSFS: capacity.PSFS_ROUNDS,
    ACTIVITIES: capacity.PSFS_ACTIVITIES,
    NOTES: capacity.SESSION_NOTES,
    WARNINGS: capacity.SAFETY_WARNINGS,
}
MAX_TABLE_BYTES = 64 * 1024 * 1024  # far above any journal; a zip claiming more is refused before it is read
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # a fixed time: the same journal always gives the same bytes


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _uncell(text: str) -> str:
    return text[1:] if text.startswith("'") else text


def _table_rows(contents: JournalContents) -> Iterator[tuple[str, Mapping[str, Any]]]:
    for session in contents.sessions:
        fields = {**session_fields(session), "uid": contents.session_uids.get(session.id or 0)}
        breath = fields.pop("breath")
        fields["breath_rate_bpm"] = None if breath is None else breath["rate_bpm"]
        fields["breath_movements"] = None if breath is None else len(breath["movements"])
        yield SESSIONS, fields
    for check_in in contents.check_ins:
        yield (
            CHECK_INS,
            {
                "id": check_in.id,
                "at": time_text(check_in.at),
                "timing": check_in.timing,
                "session_id": check_in.session_id,
                "sensations": LIST_SEPARATOR.join(sorted(check_in.sensations)),
                "compared_with_before": check_in.compared_with_before,
                "note": check_in.note,
                NOTE_SIGNS: LIST_SEPARATOR.join(check_in.note_signs),
                NOTE_SIGN_RULES: LIST_SEPARATOR.join(check_in.note_sign_rules),
                "uid": contents.check_in_uids.get(check_in.id or 0),
            },
        )
        for rating in check_in.pain:
            yield PAIN, {"check_in_id": check_in.id, **pain_fields(rating)}
    for screen in contents.safety_screens:
        answered_at = time_text(screen.answered_at)
        uid = contents.screen_uids.get(screen.id or 0)
        yield SCREENS, {"id": screen.id, "answered_at": answered_at, "advice_level": screen.advice_level, "uid": uid}
        for question_id, answer in screen.answers.items():
            yield ANSWERS, {"screen_id": screen.id, "question_id": question_id, "answer": YES if answer else NO}
    for clearance in contents.safety_clearances:
        yield CLEARANCES, {**clearance_fields(clearance), "question_ids": LIST_SEPARATOR.join(clearance.question_ids)}
    for key, value in sorted(contents.settings.items()):
        yield SETTINGS, {"key": key, "value": value}
    for assessment in contents.psfs:
        uid = contents.psfs_uids.get(assessment.id or 0)
        yield PSFS, {"id": assessment.id, "at": time_text(assessment.at), "uid": uid}
        for activity in assessment.activities:
            yield ACTIVITIES, {"assessment_id": assessment.id, "name": activity.name, "score": activity.score}
    for note in contents.session_notes:
        yield NOTES, note_fields(note)
    for warning in contents.safety_warnings:
        yield WARNINGS, {**warning_fields(warning), SIGN_RULES: LIST_SEPARATOR.join(warning.sign_rules)}


def export_csv_tables(contents: JournalContents) -> dict[str, str]:
    """Each table's CSV text, by file name; the practitioners' notes, and the records' uids (`carried_uids`), only
    in a linked crest's journal (one never linked has the tables and columns it had before, for older crests to
    read)."""
    if carried_uids(contents):
        tables = {**TABLES}
    else:
        tables = {name: _without_uid(columns) for name, columns in TABLES.items() if name != NOTES}
    if not contents.safety_warnings:  # a journal without kept warnings has the tables it had before
        del tables[WARNINGS]
    if not any(check_in.note_signs for check_in in contents.check_ins):  # and one without signs, the columns
        tables[CHECK_INS] = tuple(column for column in tables[CHECK_INS] if column != NOTE_SIGNS)
    if not any(check_in.note_sign_rules for check_in in contents.check_ins):
        tables[CHECK_INS] = tuple(column for column in tables[CHECK_INS] if column != NOTE_SIGN_RULES)
    if not any(warning.sign_rules for warning in contents.safety_warnings) and WARNINGS in tables:
        tables[WARNINGS] = WARNING_FIELDS  # the columns it had before
    buffers = {name: io.StringIO() for name in tables}
    writers = {name: csv.writer(buffers[name], lineterminator="\r\n") for name in tables}
    for name, columns in tables.items():
        writers[name].writerow(columns)
    for name, row in _table_rows(contents):
        writers[name].writerow([_cell(row[column]) for column in tables[name]])
    return {name: buffer.getvalue() for name, buffer in buffers.items()}


def _without_uid(columns: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(column for column in columns if column not in UID_FIELDS)


def export_csv_zip(contents: JournalContents) -> bytes:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        files = {README_NAME: README, **export_csv_tables(contents)}
        for name, text in files.items():
            member = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o600 << 16  # unzipped, the tables stay readable by their owner only
            zipped.writestr(member, ("\ufeff" + text).encode("utf-8"))
    return archive.getvalue()


class _Tables:
    """The tables of one export, read from a zip or a folder; every problem names the file, line and field."""

    def __init__(self, source: str, read: Callable[[str], bytes | None]) -> None:
        self.source = source
        self._read = read

    def rows(self, name: str) -> Iterator[tuple[Place, dict[str, str]]]:
        source = f"{self.source}/{name}"
        data = self._read(name)
        if data is None and name in OPTIONAL_TABLES:
            return
        if data is None:
            raise Place(source, 1).error(None, "missing; a crest CSV export has " + ", ".join(TABLES))
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise Place(source, 1).error(None, "not UTF-8 text; save it as CSV UTF-8") from None
        TABLE_CAPS[name].check(f"{source} holds", _row_count(text))
        reader = csv.reader(io.StringIO(text, newline=""))
        columns = TABLES[name]
        try:
            header = next(reader, None)
            if header is None or not _heads(name, header):
                raise Place(source, 1).error(None, "the header is not a crest export's: " + ",".join(columns))
            while True:
                place = Place(source, reader.line_num + 1)
                row = next(reader, None)
                if row is None:
                    return
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) != len(header):
                    raise place.error(None, f"{len(row)} columns instead of {len(header)}")
                yield place, {column: _uncell(cell) for column, cell in zip(header, row, strict=True)}
        except csv.Error as error:
            raise Place(source, reader.line_num).error(None, f"not valid CSV ({error})") from None


def _heads(name: str, header: Sequence[str]) -> bool:
    """Whether `header` is the header row of the table `name` (each column once, the optional ones or not)."""
    columns = TABLES[name]
    required = set(columns) - OPTIONAL_COLUMNS.get(name, frozenset())
    return len(set(header)) == len(header) and required <= set(header) <= set(columns)


def table_headed(header: Sequence[str]) -> str | None:
    """The table of the CSV export whose header row `header` is, if it is one: a table given alone."""
    return next((name for name in TABLES if _heads(name, header)), None)


def _row_count(text: str) -> int:
    """The rows below the header that are not blank, without reading them into records; a table that is not
    valid CSV counts up to its first error, which reading it then reports."""
    count = 0
    try:
        for row in csv.reader(io.StringIO(text, newline="")):
            if any(cell.strip() for cell in row):
                count += 1
    except csv.Error:
        pass
    return max(count - 1, 0)


def _contents(tables: _Tables, now: datetime | None) -> JournalContents:
    collected = Collector(now)
    breath_summed_up: set[int] = set()
    for place, fields in tables.rows(SESSIONS):
        # The breath summary is checked, though only JSON carries the reading itself back in.
        rate = read_field(place, fields, "breath_rate_bpm", optional_rate_bpm)
        movements = read_field(place, fields, "breath_movements", optional_count)
        session = session_record(place, fields, "started_at")
        collected.add_session(place, session, demo_said="demo" in fields)
        if (rate is not None or movements is not None) and session.id is not None:
            breath_summed_up.add(session.id)
        _add_uid(collected, place, SESSIONS, fields)
    for place, fields in tables.rows(CHECK_INS):
        # each cell read as JSON's list
        listed = {name: [item for item in fields.get(name, "").split(LIST_SEPARATOR) if item] for name in SIGN_CELLS}
        collected.add_check_in(place, check_in_record(place, {**fields, **listed}, ()))
        _add_uid(collected, place, CHECK_INS, fields)
    for place, fields in tables.rows(PAIN):
        collected.add_pain(place, read_field(place, fields, "check_in_id", record_id), pain_record(place, fields))
    answers: dict[int, dict[str, bool]] = {}
    answer_places: dict[int, Place] = {}
    for place, fields in tables.rows(ANSWERS):
        screen_id = read_field(place, fields, "screen_id", record_id)
        question_id = read_field(place, fields, "question_id", text_value)
        if fields["answer"] not in (YES, NO):
            raise place.error("answer", f"{quoted(fields['answer'])} is not {YES} or {NO}")
        if question_id in answers.get(screen_id, {}):
            raise place.error("question_id", f"{quoted(question_id)} is answered twice in safety screen {screen_id}")
        answers.setdefault(screen_id, {})[question_id] = fields["answer"] == YES
        answer_places.setdefault(screen_id, place)
    for place, fields in tables.rows(SCREENS):
        given = answers.pop(read_field(place, fields, "id", record_id), {})
        collected.add_screen(place, screen_record(place, {**fields, "answers": given}, "answered_at"))
        _add_uid(collected, place, SCREENS, fields)
    for screen_id in answers:
        raise answer_places[screen_id].error("screen_id", f"there is no safety screen {screen_id} in this export")
    for place, fields in tables.rows(CLEARANCES):
        collected.add_clearance(place, clearance_record(place, fields, "recorded_at"))
    for place, fields in tables.rows(SETTINGS):
        collected.add_setting(place, fields["key"], fields["value"])
    for place, fields in tables.rows(PSFS):
        collected.add_psfs_round(
            place, read_field(place, fields, "id", record_id), read_field(place, fields, "at", moment)
        )
        _add_uid(collected, place, PSFS, fields)
    for place, fields in tables.rows(ACTIVITIES):
        activity = psfs_activity_record(place, fields)
        collected.add_psfs_activity(place, read_field(place, fields, "assessment_id", record_id), activity)
    for place, fields in tables.rows(NOTES):
        collected.add_session_note(place, note_record(place, fields))
    for place, fields in tables.rows(WARNINGS):
        rules = [rule for rule in fields.get(SIGN_RULES, "").split(LIST_SEPARATOR) if rule]  # read as JSON's list
        collected.add_warning(place, warning_record(place, {**fields, SIGN_RULES: rules}))
    return replace(collected.contents(), breath_summed_up=frozenset(breath_summed_up))


def _add_uid(collected: Collector, place: Place, table: str, fields: Mapping[str, str]) -> None:
    """The row's uid, when its cell holds one (a zip written without uids, or an empty cell: a new one on import)."""
    if fields.get("uid"):
        collected.add_uid(place, UID_TABLES[table], fields)


def csv_zip_contents(data: bytes, source: str, now: datetime | None = None) -> JournalContents:
    try:
        zipped = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        # A zip has no lines: the whole file is named.
        raise NotAnExportFile(f"{source}: not a zip file that can be read", "the zip") from None
    with zipped:
        members = {Path(member.filename).name: member for member in zipped.infolist() if not member.is_dir()}

        def read(name: str) -> bytes | None:
            member = members.get(name)
            if member is None:
                return None
            if member.file_size > MAX_TABLE_BYTES:
                raise Place(f"{source}/{name}", 1).error(None, "too large for a crest journal")
            try:
                return zipped.read(member)
            except (zipfile.BadZipFile, OSError, NotImplementedError) as error:
                raise Place(f"{source}/{name}", 1).error(None, f"cannot be unzipped ({error})") from None

        return _contents(_Tables(source, read), now)


def csv_folder_contents(folder: Path, now: datetime | None = None) -> JournalContents:
    """The tables of an unzipped export (edited in a spreadsheet, perhaps)."""
    if not any((folder / name).exists() for name in TABLES):
        raise InvalidImportFile(
            f"{folder} is a folder without a crest export's tables; give the zip `crest export` wrote, or its folder"
        )

    def read(name: str) -> bytes | None:
        path = folder / name
        try:
            if path.stat().st_size > MAX_TABLE_BYTES:
                raise Place(str(path), 1).error(None, "too large for a crest journal")
            return path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise Place(str(path), 1).error(None, f"cannot be read ({error.strerror or error})") from None

    return _contents(_Tables(str(folder), read), now)
