"""The JSON import's own structural reader (it counts lists as it reads them) reads exactly what `json.loads` reads:
the same values for every JSON object, and a one-line refusal for every text `json.loads` refuses. The documents
are shaped like crest's exports (sections, records and the lists inside them: pain ratings, sensations, activities,
safety answers, the questions an all-clear lifts, breath readings, in the places the reader reads by hand) and then
written oddly or subtly broken."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crest.errors import CrestError
from crest.journal.transfer import InvalidImportFile
from crest.journal.transfer.json_format import (
    JSON_FORMAT_NAME,
    JSON_VERSION,
    JSON_VERSIONS,
    SECTION_CAPS,
    _Reader,
    json_contents,
)

# The versions this crest reads, as its refusal of a newer file lists them
VERSIONS_READ = ", ".join(map(str, JSON_VERSIONS[:-1])) + f" and {JSON_VERSION}"


class Raw(str):
    """A value written into the text as it is: a number JSON spells oddly, or a broken piece."""


WHITE = st.sampled_from(["", "", " ", "\n", "  ", "\t", "\r\n", "\n    "])
NUMBERS = st.sampled_from(["1e400", "-1e400", "-0", "-0.0", "0e0", "1E+2", "NaN", "Infinity", "-Infinity", "01", "+1"])
BROKEN = st.sampled_from(["'x'", "True", "nul", "1.", ".5", '"\t"', '"\\x41"', '"\\ud83d\\ude00"', "[1,]", "{,}"])
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=6),
    NUMBERS.map(Raw),
)
anything = st.recursive(
    st.one_of(*[scalars] * 30, BROKEN.map(Raw)),  # now and then a broken value
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=6,
)


def record(fields: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """A record with these fields (each perhaps left out) and perhaps an odd one of any shape."""
    return st.fixed_dictionaries({}, optional=fields) | st.dictionaries(
        st.sampled_from([*fields, "x", "\u00e9"]), anything, max_size=3
    )


pain = record({"region": st.just("knee"), "side": st.just("left"), "score": anything, "quality": st.none()})
readings = st.lists(anything, max_size=3)
breath = st.none() | anything | record({"windows": readings, "movements": readings, "rate": anything})
SECTION_RECORDS = {
    "sessions": record({"id": anything, "started_at": st.just("2026-05-01T07:30:00+00:00"), "breath": breath}),
    "check_ins": record(
        {"id": anything, "pain": st.lists(pain, max_size=3) | anything, "sensations": readings, "note": anything}
    ),
    "psfs": record({"activities": st.lists(record({"name": anything, "score": anything}), max_size=3) | anything}),
    "safety_screens": record({"answers": st.dictionaries(st.text(max_size=4), anything, max_size=3) | anything}),
    "settings": record({"key": st.just("voice"), "value": anything}),
    "safety_clearances": record({"question_ids": readings}),
}
sections = st.dictionaries(
    st.sampled_from(list(SECTION_CAPS)),
    st.one_of(*(st.lists(records | anything, max_size=3) for records in SECTION_RECORDS.values()), anything),
    max_size=3,
)
versions = st.sampled_from(JSON_VERSIONS)
documents = st.one_of(
    st.builds(
        lambda head, rest: {**head, **rest},
        st.fixed_dictionaries(
            {}, optional={"format": st.just(JSON_FORMAT_NAME) | anything, "version": versions | anything}
        )
        | st.fixed_dictionaries({"format": st.just(JSON_FORMAT_NAME), "version": versions})
        | st.fixed_dictionaries({"format": st.just(JSON_FORMAT_NAME), "version": versions}),
        sections,
    ),
    st.builds(lambda document, key: {**document, key: []}, sections, st.sampled_from(["extra", "Sessions"])),
    anything,  # a top level that is not an object
)


@st.composite
def texts(draw: st.DrawFn) -> str:
    """A document written as JSON with odd white space, escapes, duplicate keys and now and then a break."""

    def broken() -> bool:  # now and then
        return draw(st.integers(0, 30)) == 0

    def string(text: str) -> str:
        if draw(st.integers(0, 4)) == 0:  # every character escaped: "\u0073essions" is "sessions"
            return '"' + "".join(f"\\u{ord(c):04x}" if ord(c) < 0x10000 else c for c in text) + '"'
        return json.dumps(text, ensure_ascii=draw(st.booleans()))

    def write(item: Any) -> str:
        if isinstance(item, Raw):
            return str(item)
        if isinstance(item, str):
            return string(item)
        if isinstance(item, float) and math.isnan(item):
            return "NaN"
        if isinstance(item, dict):
            members = [string(key) + draw(WHITE) + ":" + draw(WHITE) + write(value) for key, value in item.items()]
            if members and broken():
                members.append(members[0])
            if members and broken():
                members[-1] = members[-1].replace(":", " ", 1)
            return "{" + joined(members) + "}"
        if isinstance(item, list):
            return "[" + joined([write(value) for value in item]) + "]"
        return json.dumps(item)

    def joined(parts: list[str]) -> str:
        text = draw(WHITE)
        for number, part in enumerate(parts):
            comma = "" if number == 0 else ("" if broken() else ",")
            text += comma + draw(WHITE) + part + draw(WHITE)
        if parts and broken():
            text += ","
        return text

    text = draw(WHITE) + write(draw(documents)) + draw(WHITE)
    if broken():
        text = text[: draw(st.integers(0, len(text)))]
    return text


def _read(text: str) -> Any:
    """What the reader makes of `text`, each section's items without their lines (as `json.loads` gives them)."""
    document = _Reader(text, "x.json").document()
    return {
        key: [item for _, item in value] if key in SECTION_CAPS and isinstance(value, list) else value
        for key, value in document.items()
    }


def _refusal(text: str) -> str:
    with pytest.raises(InvalidImportFile) as refused:
        json_contents(text, "x.json")
    message = str(refused.value)
    assert "\n" not in message
    return message


UNREAD = ("found a list", "found an object", "inside it", "unknown field", "is not a breath reading")


def _same(value: Any) -> str:
    return json.dumps(value)  # NaN and -0.0 written as themselves: NaN is not equal to itself


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts())
def test_the_reader_reads_what_json_loads_reads(text: str) -> None:
    try:
        loaded = json.loads(text)
    except (ValueError, RecursionError):
        _refusal(text)
        return
    if not isinstance(loaded, dict):
        assert _refusal(text).endswith("not a crest export (expected a JSON object)")
        return
    known = loaded.keys() <= {"format", "version", *SECTION_CAPS}
    if known:
        try:
            assert _same(_read(text)) == _same(loaded)
        except InvalidImportFile as refused:
            # Or a list or an object where a single value belongs, refused at its start, unread: never built (after
            # a format or version this crest does not read, as the whole file's checks refuse them first)
            header = (", field format: expected", ", field version: ")
            assert str(refused).endswith(UNREAD) or any(problem in str(refused) for problem in header), str(refused)
            assert _refusal(text) == str(refused)  # the file's refusal
    try:
        json_contents(text, "x.json")
    except CrestError as error:  # in one line, and the format and version checked first
        assert "\n" not in str(error)
        if not known:
            return
        if loaded.get("format") != JSON_FORMAT_NAME:
            assert ", field format: expected" in str(error)
        elif loaded.get("version") not in JSON_VERSIONS:
            assert ", field version: " in str(error)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            f'{{"format": "crest-journal", "version": {JSON_VERSION + 1}, "moods": []}}',
            f"field version: this file was made by a newer crest (version {JSON_VERSION + 1}; this crest reads "
            f"versions {VERSIONS_READ}); update crest to import it",
        ),
        (
            '{"format": "other-app", "moods": [{"mood": "calm"}]}',
            "field format: expected “crest-journal”, found “other-app”",
        ),
        ('{"format": "crest-journal", "version": 1, "moods": [[{}]]}', "field moods: unknown field"),
        # refused unread, as another program's JSON (crest writes its format first)
        (
            '{"moods": [], "format": "crest-journal", "version": 5}',
            "field format: expected “crest-journal” first, found field “moods”",
        ),
        (
            '{"resourceType": "Bundle", "type": "collection"}',
            "x.json is a FHIR file, for other software (a clinic's health records), which crest does not restore; "
            "give the JSON file or CSV zip `crest export` wrote",
        ),
    ],
)
def test_an_unknown_field_is_refused_after_the_format_and_version_read_before_it(text: str, problem: str) -> None:
    assert _refusal(text).endswith(problem)
