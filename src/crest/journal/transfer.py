"""Export the whole journal to CSV or JSON, and read such a file back, validating every row first.

Both formats carry the same contents (sessions, check-ins with their pain ratings, safety answers,
settings) with their ids, so exporting, importing into an empty home and exporting again gives the same
text. Process bookkeeping (the session owner and last checkpoint) is not exported.

JSON: one object; each list item sits on its own line so a problem can be reported by line.
CSV: one table, one row per record; the `record` column says which kind (session, check_in, pain,
safety_screen, setting) and only that kind's columns are filled. Pain rows follow their check-in.
"""

from __future__ import annotations

import csv
import io
import json
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from crest.errors import CrestError
from crest.journal.records import (
    MAX_RECORD_ID,
    CheckIn,
    InvalidRating,
    InvalidSafetyAnswers,
    JournalContents,
    PainRating,
    PracticeSession,
    SafetyScreen,
    UnknownSensation,
    UnknownTiming,
    check_advice_level,
    check_answers,
    check_comparison,
    check_elapsed,
    check_note,
    check_planned_minutes,
    check_score,
    check_status,
    check_timing,
    check_variant,
    parse_datetime,
    parse_region,
    parse_sensation,
    parse_side,
)

FORMATS: tuple[str, ...] = ("csv", "json")
JSON_FORMAT_NAME = "crest-journal"
JSON_VERSION = 1
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
)
LIST_SEPARATOR = ";"
YES, NO = "yes", "no"

T = TypeVar("T")
Fields = Mapping[str, Any]


class UnknownFormat(CrestError):
    """An export format other than csv or json."""


class InvalidImportFile(CrestError):
    """A file that cannot be imported; the message names the file, the line and the field."""


# Export


def _time_text(moment: datetime) -> str:
    return moment.isoformat()


def session_fields(session: PracticeSession) -> dict[str, Any]:
    """A session as JSON-ready fields (also what `crest history --json` prints)."""
    return {
        "id": session.id,
        "started_at": _time_text(session.started_at),
        "planned_minutes": session.planned_minutes,
        "actual_seconds": session.actual_seconds,
        "variant": session.variant,
        "status": session.status,
        "position_check_summary": session.position_check_summary,
    }


def _pain_fields(rating: PainRating) -> dict[str, Any]:
    return {"region": rating.region, "side": rating.side, "score": rating.score}


def check_in_fields(check_in: CheckIn) -> dict[str, Any]:
    """A check-in as JSON-ready fields, pain ratings included."""
    return {
        "id": check_in.id,
        "at": _time_text(check_in.at),
        "timing": check_in.timing,
        "session_id": check_in.session_id,
        "pain": [_pain_fields(rating) for rating in check_in.pain],
        "sensations": sorted(check_in.sensations),
        "compared_with_before": check_in.compared_with_before,
        "note": check_in.note,
    }


def _screen_fields(screen: SafetyScreen) -> dict[str, Any]:
    return {
        "id": screen.id,
        "answered_at": _time_text(screen.answered_at),
        "advice_level": screen.advice_level,
        "answers": dict(screen.answers),
    }


def _json_list(items: Sequence[Mapping[str, Any]]) -> str:
    if not items:
        return "[]"
    lines = ",\n".join("    " + json.dumps(item, ensure_ascii=False) for item in items)
    return "[\n" + lines + "\n  ]"


def export_json(contents: JournalContents) -> str:
    sections = {
        "sessions": [session_fields(session) for session in contents.sessions],
        "check_ins": [check_in_fields(check_in) for check_in in contents.check_ins],
        "safety_screens": [_screen_fields(screen) for screen in contents.safety_screens],
        "settings": [{"key": key, "value": value} for key, value in sorted(contents.settings.items())],
    }
    body = ",\n".join(f'  "{name}": {_json_list(items)}' for name, items in sections.items())
    header = f'  "format": "{JSON_FORMAT_NAME}",\n  "version": {JSON_VERSION},\n'
    return "{\n" + header + body + "\n}\n"


def _csv_rows(contents: JournalContents) -> Iterator[dict[str, Any]]:
    for session in contents.sessions:
        fields = session_fields(session)
        fields["at"] = fields.pop("started_at")
        yield {"record": "session", **fields}
    for check_in in contents.check_ins:
        yield {
            "record": "check_in",
            "id": check_in.id,
            "at": _time_text(check_in.at),
            "timing": check_in.timing,
            "session_id": check_in.session_id,
            "compared_with_before": check_in.compared_with_before,
            "sensations": LIST_SEPARATOR.join(sorted(check_in.sensations)),
            "note": check_in.note,
        }
        for rating in check_in.pain:
            yield {"record": "pain", "check_in_id": check_in.id, **_pain_fields(rating)}
    for screen in contents.safety_screens:
        answers = LIST_SEPARATOR.join(
            f"{key}={YES if value else NO}" for key, value in screen.answers.items()
        )
        yield {
            "record": "safety_screen",
            "id": screen.id,
            "at": _time_text(screen.answered_at),
            "advice_level": screen.advice_level,
            "answers": answers,
        }
    for key, value in sorted(contents.settings.items()):
        yield {"record": "setting", "key": key, "value": value}


def export_csv(contents: JournalContents) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in _csv_rows(contents):
        writer.writerow({name: "" if value is None else value for name, value in row.items()})
    return buffer.getvalue()


def export_text(contents: JournalContents, format_name: str) -> str:
    if format_name == "json":
        return export_json(contents)
    if format_name == "csv":
        return export_csv(contents)
    raise UnknownFormat(f"unknown export format '{format_name}'; choose csv or json")


# Import: every value is checked where it is read, so an error can name its field.


class _BadValue(CrestError):
    """A value of the wrong type; always reported inside an `InvalidImportFile` message."""


@dataclass(frozen=True)
class _Place:
    source: str
    line: int

    def error(self, field_name: str | None, message: str) -> InvalidImportFile:
        where = f"{self.source} line {self.line}"
        if field_name:
            where += f", field {field_name}"
        return InvalidImportFile(f"{where}: {message}")


def _read(place: _Place, fields: Fields, name: str, convert: Callable[[Any], T], prefix: str = "") -> T:
    """Convert `fields[name]`; a problem is reported as this place and field (`prefix` for nested ones)."""
    if name not in fields:
        raise place.error(prefix + name, "missing")
    try:
        return convert(fields[name])
    except CrestError as error:
        raise place.error(prefix + name, str(error)) from None


def _int(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
        return int(value)
    raise _BadValue(f"{value!r} is not a whole number")


def _optional_int(value: Any) -> int | None:
    return None if value is None or value == "" else _int(value)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise _BadValue(f"{value!r} is not text")
    return value


def _optional_text(value: Any) -> str | None:
    return None if value is None or value == "" else _text(value)


def _moment(value: Any) -> datetime:
    return parse_datetime(_text(value))


def _id(value: Any) -> int:
    number = _int(value)
    if not 1 <= number <= MAX_RECORD_ID:
        raise _BadValue(f"id {number} must be from 1 to {MAX_RECORD_ID}")
    return number


def _names(value: Any) -> frozenset[str]:
    """Sensations: a JSON list, or `a;b` in CSV."""
    if isinstance(value, str):
        return frozenset(part for part in value.split(LIST_SEPARATOR) if part)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return frozenset(value)
    raise _BadValue(f"{value!r} is not a list of sensations")


def _answers(value: Any) -> dict[str, bool]:
    """Safety answers: a JSON object of booleans, or `question=yes;question=no` in CSV."""
    if isinstance(value, dict):
        return value
    if not isinstance(value, str):
        raise _BadValue(f"{value!r} is not a set of answers")
    answers: dict[str, bool] = {}
    for part in value.split(LIST_SEPARATOR):
        question, equals, answer = part.partition("=")
        if not equals or answer not in (YES, NO):
            raise InvalidSafetyAnswers(f"cannot read the answer '{part}'; write question=yes or question=no")
        answers[question] = answer == YES
    return answers


def _check_in_error_field(error: CrestError) -> str | None:
    """Which field a cross-field complaint from `CheckIn` is about."""
    fields: Mapping[type[CrestError], str] = {
        UnknownTiming: "timing",
        InvalidRating: "pain",
        UnknownSensation: "sensations",
    }
    return fields.get(type(error))


def _reject_unknown(place: _Place, fields: Fields, known: Sequence[str], prefix: str = "") -> None:
    for name in fields:
        if name not in known:
            raise place.error(prefix + name, "unknown field")


def _session(place: _Place, fields: Fields, started_at_name: str) -> PracticeSession:
    return PracticeSession(
        id=_read(place, fields, "id", _id),
        started_at=_read(place, fields, started_at_name, _moment),
        planned_minutes=_read(
            place, fields, "planned_minutes", lambda value: check_planned_minutes(_int(value))
        ),
        actual_seconds=_read(place, fields, "actual_seconds", lambda value: check_elapsed(_int(value))),
        variant=_read(place, fields, "variant", lambda value: check_variant(_text(value))),
        status=_read(place, fields, "status", lambda value: check_status(_text(value))),
        position_check_summary=_read(place, fields, "position_check_summary", _optional_text),
    )


def _pain(place: _Place, fields: Fields, prefix: str = "") -> PainRating:
    return PainRating(
        region=_read(place, fields, "region", lambda text: parse_region(_text(text)), prefix),
        side=_read(
            place,
            fields,
            "side",
            lambda text: None if text in (None, "") else parse_side(_text(text)),
            prefix,
        ),
        score=_read(place, fields, "score", lambda text: check_score(_int(text)), prefix),
    )


def _check_in(place: _Place, fields: Fields, pain: tuple[PainRating, ...]) -> CheckIn:
    values: dict[str, Any] = {
        "id": _read(place, fields, "id", _id),
        "at": _read(place, fields, "at", _moment),
        "timing": _read(place, fields, "timing", lambda value: check_timing(_text(value))),
        "session_id": _read(place, fields, "session_id", _optional_int),
        "sensations": _read(
            place,
            fields,
            "sensations",
            lambda value: frozenset(parse_sensation(name) for name in _names(value)),
        ),
        "compared_with_before": _read(
            place,
            fields,
            "compared_with_before",
            lambda value: None if value in (None, "") else check_comparison(_text(value)),
        ),
        "note": _read(place, fields, "note", lambda value: check_note(_optional_text(value))),
    }
    try:
        return CheckIn(pain=pain, **values)
    except CrestError as error:
        raise place.error(_check_in_error_field(error), str(error)) from None


def _screen(place: _Place, fields: Fields, answered_at_name: str) -> SafetyScreen:
    return SafetyScreen(
        id=_read(place, fields, "id", _id),
        answered_at=_read(place, fields, answered_at_name, _moment),
        answers=_read(place, fields, "answers", lambda value: check_answers(_answers(value))),
        advice_level=_read(place, fields, "advice_level", lambda value: check_advice_level(_text(value))),
    )


class _Collector:
    """Gathers validated records and checks ids and references across the file."""

    def __init__(self) -> None:
        self.sessions: list[PracticeSession] = []
        self.check_ins: list[tuple[_Place, CheckIn]] = []
        self.pain: dict[int, list[PainRating]] = {}
        self.screens: list[SafetyScreen] = []
        self.settings: dict[str, str] = {}
        self._session_ids: set[int] = set()
        self._check_in_ids: set[int] = set()
        self._screen_ids: set[int] = set()

    @staticmethod
    def _unique(place: _Place, seen: set[int], record_id: int | None, kind: str) -> None:
        assert record_id is not None  # every imported record is read with its id
        if record_id in seen:
            raise place.error("id", f"{kind} id {record_id} appears twice")
        seen.add(record_id)

    def add_session(self, place: _Place, session: PracticeSession) -> None:
        self._unique(place, self._session_ids, session.id, "session")
        self.sessions.append(session)

    def add_check_in(self, place: _Place, check_in: CheckIn) -> None:
        self._unique(place, self._check_in_ids, check_in.id, "check-in")
        self.check_ins.append((place, check_in))

    def add_pain(self, place: _Place, check_in_id: int, rating: PainRating) -> None:
        if check_in_id not in self._check_in_ids:
            raise place.error("check_in_id", f"no check-in {check_in_id} comes before this pain rating")
        self.pain.setdefault(check_in_id, []).append(rating)

    def add_screen(self, place: _Place, screen: SafetyScreen) -> None:
        self._unique(place, self._screen_ids, screen.id, "safety screen")
        self.screens.append(screen)

    def add_setting(self, place: _Place, key: str, value: str) -> None:
        if not key.strip():
            raise place.error("key", "empty setting name")
        if key in self.settings:
            raise place.error("key", f"setting '{key}' appears twice")
        self.settings[key] = value

    def contents(self) -> JournalContents:
        check_ins = []
        for place, check_in in self.check_ins:
            if check_in.session_id is not None and check_in.session_id not in self._session_ids:
                raise place.error("session_id", f"there is no session {check_in.session_id} in this file")
            pain = tuple(self.pain.get(check_in.id or 0, ()))
            try:
                check_ins.append(replace(check_in, pain=check_in.pain + pain))
            except CrestError as error:
                raise place.error("pain", str(error)) from None
        return JournalContents(
            sessions=tuple(sorted(self.sessions, key=lambda record: record.id or 0)),
            check_ins=tuple(sorted(check_ins, key=lambda record: record.id or 0)),
            safety_screens=tuple(sorted(self.screens, key=lambda record: record.id or 0)),
            settings=dict(sorted(self.settings.items())),
        )


def _csv_contents(text: str, source: str) -> JournalContents:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise _Place(source, 1).error(None, f"not valid CSV ({error})") from None
    if header is None or tuple(header) != CSV_COLUMNS:
        raise _Place(source, 1).error(None, "the header is not a crest export's: " + ",".join(CSV_COLUMNS))
    collected = _Collector()
    while True:
        place = _Place(source, reader.line_num + 1)
        try:
            row = next(reader, None)
        except csv.Error as error:
            raise place.error(None, f"not valid CSV ({error})") from None
        if row is None:
            break
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(CSV_COLUMNS):
            raise place.error(None, f"{len(row)} columns instead of {len(CSV_COLUMNS)}")
        fields = dict(zip(CSV_COLUMNS, row, strict=True))
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
    ),
    "check_in": ("id", "at", "timing", "session_id", "compared_with_before", "sensations", "note"),
    "pain": ("check_in_id", "region", "side", "score"),
    "safety_screen": ("id", "at", "advice_level", "answers"),
    "setting": ("key", "value"),
}


def _csv_record(place: _Place, fields: dict[str, str], collected: _Collector) -> None:
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
        collected.add_session(place, _session(place, fields, "at"))
    elif kind == "check_in":
        collected.add_check_in(place, _check_in(place, fields, ()))
    elif kind == "pain":
        collected.add_pain(place, _read(place, fields, "check_in_id", _id), _pain(place, fields))
    elif kind == "safety_screen":
        collected.add_screen(place, _screen(place, fields, "at"))
    else:
        collected.add_setting(place, fields["key"], fields["value"])


_WHITESPACE = re.compile(r"[ \t\n\r]*")


def _list_item_offsets(text: str) -> dict[str, list[int]]:
    """Where each item of each top-level list starts (the document is known to be valid JSON)."""
    decoder = json.JSONDecoder()

    def skip(index: int) -> int:
        match = _WHITESPACE.match(text, index)
        return match.end() if match else index

    offsets: dict[str, list[int]] = {}
    index = skip(0) + 1
    while True:
        index = skip(index)
        if text[index] == "}":
            return offsets
        if text[index] == ",":
            index = skip(index + 1)
        key, index = decoder.raw_decode(text, index)
        index = skip(skip(index) + 1)
        if text[index] != "[":
            _, index = decoder.raw_decode(text, index)
            continue
        starts = offsets[key] = []
        index = skip(index + 1)
        while text[index] != "]":
            starts.append(index)
            _, index = decoder.raw_decode(text, index)
            index = skip(index)
            if text[index] == ",":
                index = skip(index + 1)
        index += 1


def _json_contents(text: str, source: str) -> JournalContents:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise _Place(source, error.lineno).error(None, f"not valid JSON ({error.msg})") from None
    top = _Place(source, 1)
    if not isinstance(document, dict):
        raise top.error(None, "not a crest export (expected a JSON object)")
    if document.get("format") != JSON_FORMAT_NAME:
        raise top.error("format", f"expected '{JSON_FORMAT_NAME}', found {document.get('format')!r}")
    if document.get("version") != JSON_VERSION:
        raise top.error(
            "version", f"this crest reads version {JSON_VERSION}, found {document.get('version')!r}"
        )
    sections = ("sessions", "check_ins", "safety_screens", "settings")
    _reject_unknown(top, document, ("format", "version", *sections))
    newlines = [index for index, character in enumerate(text) if character == "\n"]
    offsets = _list_item_offsets(text)
    collected = _Collector()
    for section in sections:
        items = document.get(section, [])
        if not isinstance(items, list):
            raise top.error(section, "expected a list")
        for item, offset in zip(items, offsets.get(section, []), strict=True):
            place = _Place(source, bisect_right(newlines, offset) + 1)
            if not isinstance(item, dict):
                raise place.error(None, f"expected an object in {section}, found {item!r}")
            _json_record(place, section, item, collected)
    return collected.contents()


def _json_record(place: _Place, section: str, item: dict[str, Any], collected: _Collector) -> None:
    if section == "sessions":
        _reject_unknown(place, item, _SESSION_FIELDS)
        collected.add_session(place, _session(place, item, "started_at"))
    elif section == "check_ins":
        _reject_unknown(place, item, _CHECK_IN_FIELDS)
        collected.add_check_in(place, _check_in(place, item, _json_pain(place, item.get("pain", []))))
    elif section == "safety_screens":
        _reject_unknown(place, item, _SCREEN_FIELDS)
        collected.add_screen(place, _screen(place, item, "answered_at"))
    else:
        _reject_unknown(place, item, ("key", "value"))
        collected.add_setting(place, _read(place, item, "key", _text), _read(place, item, "value", _text))


def _json_pain(place: _Place, value: Any) -> tuple[PainRating, ...]:
    if not isinstance(value, list):
        raise place.error("pain", f"{value!r} is not a list of ratings")
    ratings = []
    for index, item in enumerate(value):
        prefix = f"pain[{index}]."
        if not isinstance(item, dict):
            raise place.error(f"pain[{index}]", f"{item!r} is not a rating")
        _reject_unknown(place, item, ("region", "side", "score"), prefix)
        ratings.append(_pain(place, item, prefix))
    return tuple(ratings)


_SESSION_FIELDS = (
    "id",
    "started_at",
    "planned_minutes",
    "actual_seconds",
    "variant",
    "status",
    "position_check_summary",
)
_CHECK_IN_FIELDS = ("id", "at", "timing", "session_id", "pain", "sensations", "compared_with_before", "note")
_SCREEN_FIELDS = ("id", "answered_at", "advice_level", "answers")


def parse_export(text: str, source: str, format_name: str | None = None) -> JournalContents:
    """Read and validate a whole export; the first problem is raised as `InvalidImportFile`."""
    chosen = format_name or ("json" if text.lstrip().startswith("{") else "csv")
    if chosen == "json":
        return _json_contents(text, source)
    if chosen == "csv":
        return _csv_contents(text.removeprefix("\ufeff"), source)
    raise UnknownFormat(f"unknown import format '{chosen}'; choose csv or json")


def read_export_file(path: Path) -> JournalContents:
    """Read `path` (format from its extension, else from its first character) and validate it."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InvalidImportFile(f"{path}: not UTF-8 text; is it a crest export?") from None
    except OSError as error:
        raise InvalidImportFile(f"cannot read {path} ({error.strerror or error})") from None
    suffix = path.suffix.lower().lstrip(".")
    return parse_export(text, str(path), suffix if suffix in FORMATS else None)
