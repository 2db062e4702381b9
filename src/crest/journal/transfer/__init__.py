"""Export the whole journal to CSV or JSON, and read such a file back, validating every row first.

Both formats carry the same contents (sessions, check-ins with their pain ratings, safety answers,
settings) with their ids, so exporting, importing into an empty home and exporting again gives the same
text. Process bookkeeping (the session's writer and last checkpoint) is not exported.
"""

from __future__ import annotations

from pathlib import Path

from crest.errors import CrestError
from crest.journal.records import JournalContents
from crest.journal.transfer.csv_format import csv_contents, export_csv
from crest.journal.transfer.fields import check_in_fields, session_fields
from crest.journal.transfer.json_format import export_json, json_contents
from crest.journal.transfer.reading import InvalidImportFile

__all__ = [
    "FORMATS",
    "InvalidImportFile",
    "UnknownFormat",
    "check_in_fields",
    "export_text",
    "parse_export",
    "read_export_file",
    "session_fields",
]

FORMATS: tuple[str, ...] = ("csv", "json")


class UnknownFormat(CrestError):
    """An export format other than csv or json."""


def export_text(contents: JournalContents, format_name: str) -> str:
    if format_name == "json":
        return export_json(contents)
    if format_name == "csv":
        return export_csv(contents)
    raise UnknownFormat(f"unknown export format '{format_name}'; choose csv or json")


def parse_export(text: str, source: str, format_name: str | None = None) -> JournalContents:
    """Read and validate a whole export; the first problem is raised as `InvalidImportFile`."""
    chosen = format_name or ("json" if text.lstrip().startswith("{") else "csv")
    if chosen == "json":
        return json_contents(text, source)
    if chosen == "csv":
        return csv_contents(text.removeprefix("\ufeff"), source)
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
