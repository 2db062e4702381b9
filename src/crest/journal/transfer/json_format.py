"""JSON: one object; each list item sits on its own line so a problem can be reported by line."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from crest.errors import CrestError
from crest.journal import capacity
from crest.journal.breath_record import BREATH_LIST_CAPS, check_item_count
from crest.journal.records import JournalContents, PainRating, PsfsActivity
from crest.journal.transfer.fields import (
    CHECK_IN_FIELDS,
    CHECK_IN_OPTIONAL_FIELDS,
    CLEARANCE_FIELDS,
    PAIN_FIELDS,
    PSFS_FIELDS,
    SCREEN_FIELDS,
    SESSION_FIELDS,
    check_in_fields,
    clearance_fields,
    psfs_fields,
    screen_fields,
    session_fields,
)
from crest.journal.transfer.reading import (
    Collector,
    Place,
    check_in_record,
    clearance_record,
    pain_record,
    psfs_activity_record,
    psfs_record,
    read_field,
    reject_unknown,
    screen_record,
    session_record,
    text_value,
)

JSON_FORMAT_NAME = "crest-journal"
JSON_VERSION = 1
SECTION_CAPS: Mapping[str, capacity.RecordCap] = {
    "sessions": capacity.SESSIONS,
    "check_ins": capacity.CHECK_INS,
    "safety_screens": capacity.SAFETY_SCREENS,
    "settings": capacity.SETTINGS,
    "psfs": capacity.PSFS_ROUNDS,
    "safety_clearances": capacity.CLEARANCES,
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
        "safety_screens": [screen_fields(screen) for screen in contents.safety_screens],
        "settings": [{"key": key, "value": value} for key, value in sorted(contents.settings.items())],
    }
    if contents.safety_clearances:  # likewise: only a journal with a clinician's all-clear has this section
        sections["safety_clearances"] = [clearance_fields(clearance) for clearance in contents.safety_clearances]
    if contents.psfs:  # only then: a journal without PSFS exports exactly as before, for older crests to read
        sections["psfs"] = [psfs_fields(assessment) for assessment in contents.psfs]
    body = ",\n".join(f'  "{name}": {_json_list(items)}' for name, items in sections.items())
    header = f'  "format": "{JSON_FORMAT_NAME}",\n  "version": {JSON_VERSION},\n'
    return "{\n" + header + body + "\n}\n"


_WHITESPACE = re.compile(r"[ \t\n\r]*")
_LONG_NUMBER = re.compile(r"\d{4300,}")  # sys.get_int_max_str_digits()
TOP_FIELDS = ("format", "version", *SECTION_CAPS)
# The lists inside a section's records that are capped too, in all (and a breath reading's, in each reading).
NESTED_CAPS: Mapping[str, tuple[str, capacity.RecordCap]] = {
    "check_ins": ("pain", capacity.PAIN_RATINGS),
    "psfs": ("activities", capacity.PSFS_ACTIVITIES),
}

Items = list[tuple[int, Any]]  # each item of a list with the line it starts on
ReadValue = Callable[[str, int], tuple[Any, int]]  # a member's value (named by its key) read from an index


class _Reader:
    """Reads the document's top level, its sections and the capped lists inside their records by hand, and every
    other value whole: each list is counted as it is read and refused at its first item past the cap, so a file of
    millions of records (a 60 MB one took a gigabyte and more as one object tree) is never built whole."""

    def __init__(self, text: str, source: str) -> None:
        self._text = text
        self._holds = f"{source} holds"
        self._top = Place(source, 1)
        self._decode = json.JSONDecoder().raw_decode
        self._line, self._counted_to = 1, 0

    def document(self) -> dict[str, Any]:
        """The top level's fields: each section that is a list as its items, any other value as it is."""
        if self._at(self._skip(0)) != "{":
            raise self._top.error(None, "not a crest export (expected a JSON object)")

        header: dict[str, Any] = {}

        def member(key: str, index: int) -> tuple[Any, int]:
            if key not in TOP_FIELDS:  # refused unread; a newer crest's file (its header comes first) says so
                _check_header(self._top, header)
                if "format" not in header:  # another program's JSON (a FHIR bundle): crest writes its format first
                    raise self._top.error("format", f"expected '{JSON_FORMAT_NAME}' first, found field {key!r}")
                reject_unknown(self._top, {key: None}, TOP_FIELDS)
            if key in SECTION_CAPS and self._at(index) == "[":
                return self._section(key, index)
            header[key], index = self._decode(self._text, index)
            return header[key], index

        fields, index = self._object(self._skip(0), member)
        if index != len(self._text):
            raise json.JSONDecodeError("Extra data", self._text, index)
        return fields

    def _section(self, name: str, index: int) -> tuple[Items, int]:
        cap = SECTION_CAPS[name]
        nested, nested_cap = NESTED_CAPS.get(name, ("", None))
        nested_count = 0  # the items of the capped lists in this section's records
        items: Items = []
        line = 1
        by_member = bool(nested) or name == "sessions"  # records holding capped lists are read member by member

        def kept_nested(counted: int) -> bool:
            return nested_cap is not None and nested_count + counted <= nested_cap.most

        def breath_member(key: str, index: int) -> tuple[Any, int]:
            if key not in BREATH_LIST_CAPS or self._at(index) != "[":
                return self._decode(self._text, index)
            kept, count, index = self._counted(index, lambda counted: counted <= BREATH_LIST_CAPS[key])
            try:
                check_item_count(key, count)
            except CrestError as error:
                raise Place(self._top.source, line).error("breath", str(error)) from None
            return kept, index

        def member(key: str, index: int) -> tuple[Any, int]:
            nonlocal nested_count
            if nested and key == nested and self._at(index) == "[":
                kept, count, index = self._counted(index, kept_nested)
                nested_count += count
                return kept, index
            if name == "sessions" and key == "breath" and self._at(index) == "{":
                return self._object(index, breath_member)
            return self._decode(self._text, index)

        def record(index: int) -> int:
            nonlocal line
            if len(items) == cap.most:  # refused before the item past the cap is read, let alone the rest
                raise cap.more_than(self._holds)
            line = self._line_of(index)
            if by_member and self._at(index) == "{":
                value, index = self._object(index, member)
            else:
                value, index = self._decode(self._text, index)
            items.append((line, value))
            return index

        index = self._list(index, record)
        if nested_cap is not None:
            nested_cap.check(self._holds, nested_count)
        return items, index

    def _counted(self, index: int, keep: Callable[[int], bool]) -> tuple[list[Any], int, int]:
        """The list at `index`: the items `keep` takes (asked with how many were read), how many it held, and the
        index after it. The rest are read one at a time, counted and let go."""
        kept: list[Any] = []
        count = 0

        def item(index: int) -> int:
            nonlocal count
            value, index = self._decode(self._text, index)
            count += 1
            if keep(count):
                kept.append(value)
            return index

        index = self._list(index, item)
        return kept, count, index

    def _object(self, index: int, read_value: ReadValue) -> tuple[dict[str, Any], int]:
        """The object starting at `index`, each member's value read by `read_value`, and the index after it."""
        members: dict[str, Any] = {}
        index = self._expect(index, "{", "Expecting value")
        while self._at(index) != "}":
            if members and self._at(index) == ",":
                index = self._skip(index + 1)
            elif members:
                raise json.JSONDecodeError("Expecting ',' delimiter", self._text, index)
            if self._at(index) != '"':
                raise json.JSONDecodeError("Expecting property name enclosed in double quotes", self._text, index)
            key, index = self._decode(self._text, index)
            key = sys.intern(key)  # one string for each field's name, as json.loads shares them in one document
            members[key], index = read_value(key, self._expect(self._skip(index), ":", "Expecting ':' delimiter"))
            index = self._skip(index)
        return members, self._skip(index + 1)

    def _list(self, index: int, read_item: Callable[[int], int]) -> int:
        """Reads the list starting at `index` with `read_item` (it reads one item, giving the index after it)."""
        index = self._expect(index, "[", "Expecting value")
        first = True
        while self._at(index) != "]":
            if not first:
                index = self._expect(index, ",", "Expecting ',' delimiter")
                if self._at(index) == "]":
                    raise json.JSONDecodeError("Illegal trailing comma before end of array", self._text, index)
            index, first = self._skip(read_item(index)), False
        return self._skip(index + 1)

    def _at(self, index: int) -> str:
        return self._text[index : index + 1]

    def _skip(self, index: int) -> int:
        match = _WHITESPACE.match(self._text, index)
        return match.end() if match else index

    def _expect(self, index: int, character: str, problem: str) -> int:
        """The index after `character` (and the white space after it), which must be at `index`."""
        if self._at(index) != character:
            raise json.JSONDecodeError(problem, self._text, index)
        return self._skip(index + 1)

    def _line_of(self, index: int) -> int:
        """The line `index` is on; asked in increasing order, so each newline is counted once."""
        self._line += self._text.count("\n", self._counted_to, index)
        self._counted_to = index
        return self._line


def _check_header(top: Place, header: Mapping[str, Any]) -> None:
    """Refuse a file whose format or version (those in `header`) this crest does not read."""
    if "format" in header and header["format"] != JSON_FORMAT_NAME:
        raise top.error("format", f"expected '{JSON_FORMAT_NAME}', found {header['format']!r}")
    if "version" in header and header["version"] != JSON_VERSION:
        raise top.error("version", f"this crest reads version {JSON_VERSION}, found {header['version']!r}")


def json_contents(text: str, source: str, now: datetime | None = None) -> JournalContents:
    top = Place(source, 1)
    try:
        document = _Reader(text, source).document()
    except json.JSONDecodeError as error:
        raise Place(source, error.lineno).error(None, f"not valid JSON ({error.msg})") from None
    except RecursionError:
        raise Place(source, 1).error(None, "not a crest export (lists or objects nested too deeply)") from None
    except ValueError:  # Python refuses to read an integer of thousands of digits
        long_number = _LONG_NUMBER.search(text)
        line = text.count("\n", 0, long_number.start()) + 1 if long_number else 1
        raise Place(source, line).error(None, "not a crest export (a number with thousands of digits)") from None
    _check_header(top, {"format": document.get("format"), "version": document.get("version")})
    collected = Collector(now)
    for section in SECTION_CAPS:  # in this order: a check-in's session is read before it
        items: Items = document.get(section, [])
        if not isinstance(items, list):
            raise top.error(section, "expected a list")
        items.reverse()
        while items:  # each item let go once read into its record: the file is never held twice over
            line, item = items.pop()
            place = Place(source, line)
            if not isinstance(item, dict):
                raise place.error(None, f"expected an object in {section}, found {item!r}")
            _json_record(place, section, item, collected)
    return collected.contents()


def _json_record(place: Place, section: str, item: dict[str, Any], collected: Collector) -> None:
    if section == "sessions":
        reject_unknown(place, item, SESSION_FIELDS)
        collected.add_session(place, session_record(place, item, "started_at"))
    elif section == "check_ins":
        reject_unknown(place, item, CHECK_IN_FIELDS + CHECK_IN_OPTIONAL_FIELDS)
        collected.add_check_in(place, check_in_record(place, item, _json_pain(place, item.get("pain", []))))
    elif section == "psfs":
        reject_unknown(place, item, PSFS_FIELDS)
        collected.add_psfs(place, psfs_record(place, item, _json_activities(place, item.get("activities", []))))
    elif section == "safety_screens":
        reject_unknown(place, item, SCREEN_FIELDS)
        collected.add_screen(place, screen_record(place, item, "answered_at"))
    elif section == "safety_clearances":
        reject_unknown(place, item, CLEARANCE_FIELDS)
        collected.add_clearance(place, clearance_record(place, item, "recorded_at"))
    else:
        reject_unknown(place, item, ("key", "value"))
        key = read_field(place, item, "key", text_value)
        collected.add_setting(place, key, read_field(place, item, "value", text_value))


def _json_pain(place: Place, value: Any) -> tuple[PainRating, ...]:
    if not isinstance(value, list):
        raise place.error("pain", f"{value!r} is not a list of ratings")
    ratings = []
    for index, item in enumerate(value):
        prefix = f"pain[{index}]."
        if not isinstance(item, dict):
            raise place.error(f"pain[{index}]", f"{item!r} is not a rating")
        reject_unknown(place, item, PAIN_FIELDS, prefix)
        ratings.append(pain_record(place, item, prefix))
    return tuple(ratings)


def _json_activities(place: Place, value: Any) -> tuple[PsfsActivity, ...]:
    if not isinstance(value, list):
        raise place.error("activities", f"{value!r} is not a list of activities")
    activities = []
    for index, item in enumerate(value):
        prefix = f"activities[{index}]."
        if not isinstance(item, dict):
            raise place.error(f"activities[{index}]", f"{item!r} is not an activity")
        reject_unknown(place, item, ("name", "score"), prefix)
        activities.append(psfs_activity_record(place, item, prefix))
    return tuple(activities)
