"""Export the whole journal to CSV or JSON, and read such a file back, validating every row first.

Both formats carry the same contents (sessions, check-ins with their pain ratings, safety answers,
settings) with their ids, so exporting, importing into an empty home and exporting again gives the same
text. Process bookkeeping (the session's writer and last checkpoint) is not exported.
"""

from __future__ import annotations

import io
import os
import stat
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
MAX_IMPORT_BYTES = 64 * 1024 * 1024  # decades of daily sessions and check-ins export to a few megabytes


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
        # universal newlines, as text files are read: a CSV written on Windows reads the same
        text = io.TextIOWrapper(io.BytesIO(_regular_file_bytes(path)), encoding="utf-8").read()
    except UnicodeDecodeError:
        raise InvalidImportFile(f"{path}: not UTF-8 text; is it a crest export?") from None
    suffix = path.suffix.lower().lstrip(".")
    return parse_export(text, str(path), suffix if suffix in FORMATS else None)


def _regular_file_bytes(path: Path) -> bytes:
    """The bytes of a regular file of at most `MAX_IMPORT_BYTES`: never a device (`/dev/zero` never ends), a pipe
    (it waits for a writer forever) or a folder. Checked on the opened file, so a swapped path cannot slip in."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # opening a pipe must not wait for a writer
    except OSError as error:
        raise InvalidImportFile(f"cannot read {path} ({error.strerror or error})") from None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise InvalidImportFile(f"{path} is a folder; give the file `crest export` wrote")
        if not stat.S_ISREG(mode):
            raise InvalidImportFile(f"{path} is not a regular file; give the file `crest export` wrote")
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            data = handle.read(MAX_IMPORT_BYTES + 1)
    except OSError as error:
        raise InvalidImportFile(f"cannot read {path} ({error.strerror or error})") from None
    finally:
        os.close(descriptor)
    if len(data) > MAX_IMPORT_BYTES:
        raise InvalidImportFile(
            f"{path} is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB, more than any crest export; "
            "is it the right file?"
        )
    return data
