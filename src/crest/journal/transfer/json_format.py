"""JSON: one object; each list item sits on its own line so a problem can be reported by line."""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

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


def json_contents(text: str, source: str, now: datetime | None = None) -> JournalContents:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise Place(source, error.lineno).error(None, f"not valid JSON ({error.msg})") from None
    except RecursionError:
        raise Place(source, 1).error(None, "not a crest export (lists or objects nested too deeply)") from None
    except ValueError:  # Python refuses to read an integer of thousands of digits
        long_number = _LONG_NUMBER.search(text)
        line = text.count("\n", 0, long_number.start()) + 1 if long_number else 1
        raise Place(source, line).error(None, "not a crest export (a number with thousands of digits)") from None
    top = Place(source, 1)
    if not isinstance(document, dict):
        raise top.error(None, "not a crest export (expected a JSON object)")
    if document.get("format") != JSON_FORMAT_NAME:
        raise top.error("format", f"expected '{JSON_FORMAT_NAME}', found {document.get('format')!r}")
    if document.get("version") != JSON_VERSION:
        raise top.error(
            "version", f"this crest reads version {JSON_VERSION}, found {document.get('version')!r}"
        )
    reject_unknown(top, document, ("format", "version", *SECTION_CAPS))
    sections: dict[str, list[Any]] = {}
    for section, cap in SECTION_CAPS.items():
        items = sections[section] = document.get(section, [])
        if not isinstance(items, list):
            raise top.error(section, "expected a list")
        cap.check(f"{source} holds", len(items))  # counted before any item is read into a record
    newlines = [index for index, character in enumerate(text) if character == "\n"]
    offsets = _list_item_offsets(text)
    collected = Collector(now)
    for section, items in sections.items():
        for item, offset in zip(items, offsets.get(section, []), strict=True):
            place = Place(source, bisect_right(newlines, offset) + 1)
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
