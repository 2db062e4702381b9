"""JSON: one object; each list item sits on its own line so a problem can be reported by line."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from crest.input_problems import echoed, quoted
from crest.journal import capacity
from crest.journal.records import JournalContents, PainRating, PsfsActivity
from crest.journal.transfer.fields import (
    CHECK_IN_FIELDS,
    CHECK_IN_OPTIONAL_FIELDS,
    CLEARANCE_FIELDS,
    PAIN_FIELDS,
    PSFS_FIELDS,
    SCREEN_FIELDS,
    SESSION_FIELDS,
    UID_FIELDS,
    WARNING_FIELDS,
    WARNING_OPTIONAL_FIELDS,
    carried_uids,
    check_in_fields,
    clearance_fields,
    psfs_fields,
    screen_fields,
    session_fields,
    warning_fields,
)
from crest.journal.transfer.practitioner_notes import NOTE_FIELDS, note_fields, note_record
from crest.journal.transfer.reading import (
    UID_KINDS,
    Collector,
    NotAnExportFile,
    Place,
    check_in_record,
    clearance_record,
    not_an_export,
    pain_record,
    psfs_activity_record,
    psfs_record,
    read_field,
    reject_unknown,
    screen_record,
    session_record,
    text_value,
    warning_record,
)
from crest.safety.screen import AdviceLevel

JSON_FORMAT_NAME = "crest-journal"
# A file says the oldest version of the format that describes it, so that every crest reading that version reads
# it whole; this crest reads each of them alike (a linked crest's file from before version 2 said version 1).
PLAIN_VERSION = 1  # what every crest that reads JSON reads
LINKED_VERSION = 2  # adds what only a linked crest writes: each synced record's "uid", the "session_notes" section
# Adds the "safety_warnings" section (urgent-care warnings kept after what raised them was deleted): a crest that
# does not read it says "update crest" rather than restoring the journal without the warning.
WARNINGS_VERSION = 3
# Adds a check-in's "note_signs" (every warning sign read in its note, where versions 1-3 hold the most urgent alone,
# "note_sign"): a crest that does not read it says "update crest" rather than drop signs a practitioner must see.
SIGNS_VERSION = 4
# Adds a check-in's "note_sign_rules" (which sign of each entry its note named, as a practice keeps them): a crest
# that does not read it says "update crest" rather than name a night-pain note by every sign of possible cancer.
SIGN_RULES_VERSION = 5
# Adds a kept warning's "sign_rules" (the red-flag rules its sign came from): a crest that does not read them says
# "update crest" rather than restore the warning without its source.
KEPT_SIGN_RULES_VERSION = 6
# Adds kept warnings at the "see a clinician" level (a sign entered after the time it tells of, held from its entry):
# a crest that does not read them says "update crest" rather than refuse the file as holding a wrong level.
KEPT_SEE_CLINICIAN_VERSION = 7
JSON_VERSIONS = (
    PLAIN_VERSION,
    LINKED_VERSION,
    WARNINGS_VERSION,
    SIGNS_VERSION,
    SIGN_RULES_VERSION,
    KEPT_SIGN_RULES_VERSION,
    KEPT_SEE_CLINICIAN_VERSION,
)
JSON_VERSION = JSON_VERSIONS[-1]  # the newest
_VERSIONS_READ = ", ".join(map(str, JSON_VERSIONS[:-1])) + f" and {JSON_VERSION}"
SECTION_CAPS: Mapping[str, capacity.RecordCap] = {
    "sessions": capacity.SESSIONS,
    "check_ins": capacity.CHECK_INS,
    "safety_screens": capacity.SAFETY_SCREENS,
    "settings": capacity.SETTINGS,
    "psfs": capacity.PSFS_ROUNDS,
    "safety_clearances": capacity.CLEARANCES,
    "session_notes": capacity.SESSION_NOTES,
    "safety_warnings": capacity.SAFETY_WARNINGS,
}


def _json_list(items: Sequence[Mapping[str, Any]]) -> str:
    if not items:
        return "[]"
    lines = ",\n".join("    " + json.dumps(item, ensure_ascii=False) for item in items)
    return "[\n" + lines + "\n  ]"


def export_json(contents: JournalContents) -> str:
    uids = carried_uids(contents)
    sections = {
        "sessions": [_with_uid(session_fields(session), uids, "sessions") for session in contents.sessions],
        "check_ins": [_with_uid(check_in_fields(check_in), uids, "check_ins") for check_in in contents.check_ins],
        "safety_screens": [
            _with_uid(screen_fields(screen), uids, "safety_screens") for screen in contents.safety_screens
        ],
        "settings": [{"key": key, "value": value} for key, value in sorted(contents.settings.items())],
    }
    if contents.safety_clearances:  # likewise: only a journal with a clinician's all-clear has this section
        sections["safety_clearances"] = [clearance_fields(clearance) for clearance in contents.safety_clearances]
    if contents.psfs:  # only then: a journal without PSFS exports exactly as before, for older crests to read
        sections["psfs"] = [_with_uid(psfs_fields(assessment), uids, "psfs") for assessment in contents.psfs]
    if contents.session_notes:  # a linked crest's copies of its practitioners' notes
        sections["session_notes"] = [note_fields(note) for note in contents.session_notes]
    linked = "session_notes" in sections or any("uid" in item for items in sections.values() for item in items)
    version = LINKED_VERSION if linked else PLAIN_VERSION
    if contents.safety_warnings:  # only then: a journal without kept warnings exports as before
        sections["safety_warnings"] = [warning_fields(warning) for warning in contents.safety_warnings]
        version = WARNINGS_VERSION
    if any(len(check_in.note_signs) > 1 for check_in in contents.check_ins):  # only then, as for the others
        version = SIGNS_VERSION
    if any(check_in.note_sign_rules for check_in in contents.check_ins):
        version = SIGN_RULES_VERSION
    if any(warning.sign_rules for warning in contents.safety_warnings):
        version = KEPT_SIGN_RULES_VERSION
    if any(warning.level != AdviceLevel.URGENT.stored_name for warning in contents.safety_warnings):
        version = KEPT_SEE_CLINICIAN_VERSION
    body = ",\n".join(f'  "{name}": {_json_list(items)}' for name, items in sections.items())
    header = f'  "format": "{JSON_FORMAT_NAME}",\n  "version": {version},\n'
    return "{\n" + header + body + "\n}\n"


def _with_uid(fields: dict[str, Any], uids: Mapping[str, Mapping[int, str]], section: str) -> dict[str, Any]:
    uid = uids.get(section, {}).get(fields["id"])
    return fields if uid is None else {**fields, "uid": uid}


# Each section's record fields: the reader refuses any other holding a list or an object at its start, and
# `_json_record` any other at all.
RECORD_FIELDS: Mapping[str, tuple[str, ...]] = {
    "sessions": SESSION_FIELDS + UID_FIELDS,
    "check_ins": CHECK_IN_FIELDS + CHECK_IN_OPTIONAL_FIELDS + UID_FIELDS,
    "safety_screens": SCREEN_FIELDS + UID_FIELDS,
    "settings": ("key", "value"),
    "psfs": PSFS_FIELDS + UID_FIELDS,
    "safety_clearances": CLEARANCE_FIELDS,
    "session_notes": NOTE_FIELDS,
    "safety_warnings": WARNING_FIELDS + WARNING_OPTIONAL_FIELDS,
}
_WHITESPACE = re.compile(r"[ \t\n\r]*")
# Every FHIR resource names its type in this field (a quote inside a string is escaped, so no note matches).
_FHIR_FIELD = re.compile(r'"resourceType"[ \t\n\r]*:')
_LONG_NUMBER = re.compile(r"\d{4300,}")  # sys.get_int_max_str_digits()
TOP_FIELDS = ("format", "version", *SECTION_CAPS)
# The lists inside a section's records, each counted as it is read: by the cap of all of them in the file (pain
# ratings, PSFS activities: as the CSV's own tables are counted), or of one record's, with what holds them.
RECORD_LISTS: Mapping[str, Mapping[str, tuple[capacity.RecordCap, str | None]]] = {
    "check_ins": {
        "pain": (capacity.PAIN_RATINGS, None),
        "sensations": (capacity.SENSATIONS, "the check-in has"),
        "note_signs": (capacity.NOTE_SIGNS, "the check-in names"),
        "note_sign_rules": (capacity.NOTE_SIGN_RULES, "the check-in names"),
    },
    "psfs": {"activities": (capacity.PSFS_ACTIVITIES, None)},
    "safety_screens": {"answers": (capacity.SCREEN_ANSWERS, "the set has")},
    "safety_clearances": {"question_ids": (capacity.CLEARED_QUESTIONS, "the all-clear names")},
    "safety_warnings": {"sign_rules": (capacity.NOTE_SIGN_RULES, "the warning names")},
}
BREATH_LISTS = {"windows": capacity.BREATH_WINDOWS, "movements": capacity.BREATH_MOVEMENTS}  # in each reading

Items = list[tuple[Place, Any]]  # each record of a section with where it starts
ReadValue = Callable[[str, int], tuple[Any, int]]  # a member's value (named by its key) read from an index
Limit = tuple[int, Callable[[], Exception]]  # how many items a list or object holds at most; the refusal of more
Refusal = Callable[[str], Exception]  # the refusal of a list or an object ("a list", "an object") found at its start


class _Reader:
    """Reads the document's top level, its sections, their records and the lists inside those by hand, and every
    other value whole: each list is counted as it is read and refused at its first item past the cap, so a file of
    millions of records or items (a 60 MB one took a gigabyte and more as one object tree) is never built whole.
    Where a single value belongs (a record's field, an item of a record's list), a list or an object is refused at
    its start, unread: a 60 MB one was decoded whole (574 MB, 2.2 s) before it was refused."""

    def __init__(self, text: str, source: str) -> None:
        self._text = text
        self._holds = f"{source} holds"
        self._top = Place(source, 1)
        self._decode = json.JSONDecoder().raw_decode
        self._line, self._counted_to = 1, 0
        self._header: dict[str, Any] = {}  # the format and version, once read

    def document(self) -> dict[str, Any]:
        """The top level's fields: each section that is a list as its items, any other value as it is."""
        if self._at(self._skip(0)) != "{":
            raise not_an_export(self._top.source, "not a crest export (expected a JSON object)")

        header = self._header

        def member(key: str, index: int) -> tuple[Any, int]:
            if key not in TOP_FIELDS:  # refused unread; a newer crest's file (its header comes first) says so
                _check_header(self._top, header)
                if "format" not in header:  # another program's JSON: crest writes its format first
                    if _FHIR_FIELD.search(self._text):  # crest's own FHIR export, say, offered beside its JSON
                        raise NotAnExportFile(
                            f"{self._top.source} is a FHIR file, for other software (a clinic's health records), "
                            "which crest does not restore",
                            "the JSON file or CSV zip",
                        )
                    raise self._top.error(
                        "format", f"expected {quoted(JSON_FORMAT_NAME)} first, found field {echoed(key)}"
                    )
                reject_unknown(self._top, {key: None}, TOP_FIELDS)
            if key in SECTION_CAPS:
                if self._at(index) == "[":
                    return self._section(key, index)
                return self._single(index, lambda found: self._section_refused(key, found))
            if key == "format":  # the first problem named in any file: refused at its start
                header[key], index = self._single(
                    index, lambda found: self._top.error(key, f"expected {quoted(JSON_FORMAT_NAME)}, found {found}")
                )
            else:  # after the format's, which may come later in a file edited by hand: read whole
                header[key], index = self._decode(self._text, index)
            return header[key], index

        fields, _, index = self._object(self._skip(0), member)
        if index != len(self._text):
            raise json.JSONDecodeError("Extra data", self._text, index)
        return fields

    def _section(self, name: str, index: int) -> tuple[Items, int]:
        cap = SECTION_CAPS[name]
        lists = RECORD_LISTS.get(name, {})
        known = RECORD_FIELDS[name]
        in_section = dict.fromkeys(lists, 0)  # the items read so far of each list capped in all records
        items: Items = []
        line = 1
        # A record starting on the line of the "[" or of the record before it (a file written on one line) shares
        # its line, which alone cannot lead the person to it: its path names it too, 'check_ins[3]'.
        record_name: str | None = None
        taken_line = self._line_of(index)

        def record_place() -> Place:
            return Place(self._top.source, line, record_name)

        def place() -> Place:
            """Where a refusal in this section is, once the header is found right (`_header_first`)."""
            self._header_first(name)
            return record_place()

        def single(field_name: str) -> Refusal:
            return lambda found: place().error(field_name, f"expected a single value, found {found}")

        def limit(field: str, list_cap: capacity.RecordCap, holder: str | None) -> Limit:
            if holder is None:
                return list_cap.most - in_section[field], lambda: list_cap.more_than(self._holds)
            place = record_place()
            return list_cap.most, lambda: place.error(field, str(list_cap.more_than(holder)))

        def breath_member(key: str, index: int) -> tuple[Any, int]:
            if key not in BREATH_LISTS or not self._opens(index):
                return self._single(index, single(f"breath.{key}"))
            breath_limit = limit("breath", BREATH_LISTS[key], "the breath reading has")
            value, _, index = self._counted(index, breath_limit, single(f"breath.{key}"))
            return value, index

        def member(key: str, index: int) -> tuple[Any, int]:
            if key not in known and self._opens(index):
                raise place().error(key, "unknown field")
            if key in lists and self._opens(index):
                value, count, index = self._counted(index, limit(key, *lists[key]), single(key))
                if key in in_section:
                    in_section[key] += count
                return value, index
            if name == "sessions" and key == "breath":
                if self._at(index) != "{":
                    return self._single(index, lambda found: place().error(key, f"{found} is not a breath reading"))
                breath, _, index = self._object(index, breath_member)
                return breath, index
            return self._single(index, single(key))

        def record(index: int) -> int:
            nonlocal line, record_name, taken_line
            line = self._line_of(index)
            record_name = record_path(name, len(items)) if line == taken_line else None
            taken_line = line
            if self._at(index) == "{":
                value, _, index = self._object(index, member)
            else:
                value, index = self._single(
                    index, lambda found: place().error(None, f"expected an object in {name}, found {found}")
                )
            items.append((record_place(), value))
            return index

        _, index = self._list(index, record, (cap.most, lambda: cap.more_than(self._holds)))
        return items, index

    def _counted(self, index: int, limit: Limit, refused: Refusal) -> tuple[Any, int, int]:
        """The list or object at `index`, how many items it held, and the index after it; refused by `limit` at its
        first item past the cap, unread beyond. Each item is a single value or an object of them (a pain rating):
        any other list or object in it is refused by `refused`, at its start."""

        def inside(found: str) -> Exception:
            return refused(f"{found} inside it")

        if self._at(index) == "{":
            return self._object(index, lambda key, index: self._single(index, inside), limit)
        kept: list[Any] = []

        def item(index: int) -> int:
            if self._at(index) == "{":
                value, _, index = self._object(index, lambda key, index: self._single(index, inside))
            else:
                value, index = self._single(index, inside)
            kept.append(value)
            return index

        count, index = self._list(index, item, limit)
        return kept, count, index

    def _object(self, index: int, read_value: ReadValue, limit: Limit | None = None) -> tuple[dict[str, Any], int, int]:
        """The object starting at `index`, each member's value read by `read_value`, how many members it held (a
        repeated key counts again, though its last value alone is kept) and the index after it."""
        members: dict[str, Any] = {}
        count = 0
        index = self._expect(index, "{", "Expecting value")
        while self._at(index) != "}":
            if count and self._at(index) == ",":
                index = self._skip(index + 1)
            elif count:
                raise json.JSONDecodeError("Expecting ',' delimiter", self._text, index)
            self._check_limit(limit, count)
            if self._at(index) != '"':
                raise json.JSONDecodeError("Expecting property name enclosed in double quotes", self._text, index)
            key, index = self._decode(self._text, index)
            key = sys.intern(key)  # one string for each field's name, as json.loads shares them in one document
            members[key], index = read_value(key, self._expect(self._skip(index), ":", "Expecting ':' delimiter"))
            index, count = self._skip(index), count + 1
        return members, count, self._skip(index + 1)

    def _list(self, index: int, read_item: Callable[[int], int], limit: Limit | None = None) -> tuple[int, int]:
        """Reads the list starting at `index` with `read_item` (it reads one item, giving the index after it): how
        many items it held and the index after it."""
        index = self._expect(index, "[", "Expecting value")
        count = 0
        while self._at(index) != "]":
            if count:
                index = self._expect(index, ",", "Expecting ',' delimiter")
                if self._at(index) == "]":
                    raise json.JSONDecodeError("Illegal trailing comma before end of array", self._text, index)
            self._check_limit(limit, count)
            index, count = self._skip(read_item(index)), count + 1
        return count, self._skip(index + 1)

    def _header_first(self, section: str) -> None:
        """As when the whole file is read, a format or version this crest does not read (or none) is refused before
        a problem in a section: crest writes them first."""
        if "format" not in self._header:
            raise self._top.error("format", f"expected {quoted(JSON_FORMAT_NAME)} first, found field {echoed(section)}")
        _check_header(self._top, {"format": self._header["format"], "version": self._header.get("version")})

    def _section_refused(self, name: str, found: str) -> Exception:
        self._header_first(name)
        return self._top.error(name, f"expected a list, found {found}")

    def _single(self, index: int, refused: Refusal) -> tuple[Any, int]:
        """The single value at `index` (text, a number, true, false or null) and the index after it; a list or an
        object there is refused by `refused` before any of it is read."""
        opening = self._at(index)
        if opening in ("[", "{"):
            raise refused("a list" if opening == "[" else "an object")
        return self._decode(self._text, index)

    @staticmethod
    def _check_limit(limit: Limit | None, count: int) -> None:
        """Refuse the item past the cap before it is read, let alone the rest."""
        if limit is not None and count == limit[0]:
            raise limit[1]()

    def _opens(self, index: int) -> bool:
        """Whether a list or an object starts at `index`."""
        return self._at(index) in ("[", "{")

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
        raise top.error("format", f"expected {quoted(JSON_FORMAT_NAME)}, found {echoed(header['format'])}")
    version = header.get("version")
    # `in` alone would take true and 1.0, which equal 1 in Python; no crest writes them
    if "version" in header and (type(version) is not int or version not in JSON_VERSIONS):
        if type(version) is int and version > JSON_VERSION:  # its other fields may be what this crest lacks
            raise top.error(
                "version",
                f"this file was made by a newer crest (version {version}; this crest reads versions {_VERSIONS_READ});"
                " update crest to import it",
            )
        raise top.error("version", f"this crest reads versions {_VERSIONS_READ}, found {echoed(version)}")


CUT_SHORT = "the file stops before its data ends (a download or a copy cut short?); export it again"


def json_contents(text: str, source: str, now: datetime | None = None) -> JournalContents:
    top = Place(source, 1)
    try:
        document = _Reader(text, source).document()
    except json.JSONDecodeError as error:
        # A string left open, or a document stopping short, is a file cut off (a download or a copy not finished).
        if error.msg.startswith("Unterminated string") or error.pos >= len(text.rstrip()):
            raise Place(source, error.lineno).error(None, CUT_SHORT) from None
        # Python's own words end "... at" before a position it gives apart: said with it, as a whole sentence.
        said = f"not valid JSON ({error.msg.lower()} at column {error.colno})"
        raise Place(source, error.lineno).error(None, said) from None
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
            place, item = items.pop()
            if not isinstance(item, dict):
                raise place.error(None, f"expected an object in {section}, found {echoed(item)}")
            _json_record(place, section, item, collected)
    return collected.contents()


def record_path(section: str, number: int) -> str:
    """'check_ins[3]': a record as a JSON path names it (from 0), as its lists' items are named ('pain[0]')."""
    return f"{section}[{number}]"


def _json_record(place: Place, section: str, item: dict[str, Any], collected: Collector) -> None:
    reject_unknown(place, item, RECORD_FIELDS[section])
    if section == "sessions":
        collected.add_session(place, session_record(place, item, "started_at"), demo_said="demo" in item)
    elif section == "session_notes":
        collected.add_session_note(place, note_record(place, item))
    elif section == "check_ins":
        collected.add_check_in(place, check_in_record(place, item, _json_pain(place, item.get("pain", []))))
    elif section == "psfs":
        collected.add_psfs(place, psfs_record(place, item, _json_activities(place, item.get("activities", []))))
    elif section == "safety_screens":
        collected.add_screen(place, screen_record(place, item, "answered_at"))
    elif section == "safety_clearances":
        collected.add_clearance(place, clearance_record(place, item, "recorded_at"))
    elif section == "safety_warnings":
        collected.add_warning(place, warning_record(place, item))
    else:
        key = read_field(place, item, "key", text_value)
        collected.add_setting(place, key, read_field(place, item, "value", text_value))
    if section in UID_KINDS and "uid" in item:
        collected.add_uid(place, section, item)


def _json_pain(place: Place, value: Any) -> tuple[PainRating, ...]:
    if not isinstance(value, list):
        raise place.error("pain", f"{echoed(value)} is not a list of ratings")
    ratings = []
    for index, item in enumerate(value):
        prefix = f"pain[{index}]."
        if not isinstance(item, dict):
            raise place.error(f"pain[{index}]", f"{echoed(item)} is not a rating")
        reject_unknown(place, item, PAIN_FIELDS, prefix)
        ratings.append(pain_record(place, item, prefix))
    return tuple(ratings)


def _json_activities(place: Place, value: Any) -> tuple[PsfsActivity, ...]:
    if not isinstance(value, list):
        raise place.error("activities", f"{echoed(value)} is not a list of activities")
    activities = []
    for index, item in enumerate(value):
        prefix = f"activities[{index}]."
        if not isinstance(item, dict):
            raise place.error(f"activities[{index}]", f"{echoed(item)} is not an activity")
        reject_unknown(place, item, ("name", "score"), prefix)
        activities.append(psfs_activity_record(place, item, prefix))
    return tuple(activities)
