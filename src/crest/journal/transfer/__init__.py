"""Export the whole journal as JSON or as CSV tables, and read such an export back, validating every row first.

Both formats carry the same contents (sessions, check-ins with their pain ratings, safety answers, settings)
with their ids, so exporting, importing into an empty home and exporting again gives the same bytes. JSON is
one lossless file; CSV is a zip of one table per record type, for a spreadsheet. Process bookkeeping (the
session's writer and last checkpoint) is not exported.
"""

from __future__ import annotations

import os
import stat
from datetime import datetime
from pathlib import Path

from crest.errors import CrestError
from crest.input_problems import quoted
from crest.journal.records import JournalContents
from crest.journal.transfer.csv_format import csv_folder_contents, csv_zip_contents, export_csv_zip
from crest.journal.transfer.fields import check_in_fields, session_fields
from crest.journal.transfer.json_format import export_json, json_contents
from crest.journal.transfer.legacy_csv import legacy_csv_contents
from crest.journal.transfer.reading import InvalidImportFile, NotAnExportFile

__all__ = [
    "FILE_SUFFIXES",
    "FORMATS",
    "InvalidImportFile",
    "NotAnExportFile",
    "NotText",
    "UnknownFormat",
    "check_in_fields",
    "export_bytes",
    "export_text",
    "parse_export",
    "read_export_file",
    "session_fields",
]

FORMATS: tuple[str, ...] = ("csv", "json")
FILE_SUFFIXES = {"csv": "zip", "json": "json"}  # what each format's file is called
_ZIP_START = b"PK\x03\x04"
MAX_IMPORT_BYTES = 64 * 1024 * 1024  # decades of daily sessions and check-ins export to a few megabytes


class UnknownFormat(CrestError):
    """An export format other than csv or json."""


class NotText(CrestError):
    """The CSV export is a zip of tables: it goes to a file, not to the screen."""


def _check_format(format_name: str) -> str:
    if format_name not in FORMATS:
        raise UnknownFormat(f"unknown export format {quoted(format_name)}; choose {' or '.join(FORMATS)}")
    return format_name


def export_bytes(contents: JournalContents, format_name: str) -> bytes:
    if _check_format(format_name) == "csv":
        return export_csv_zip(contents)
    return export_json(contents).encode("utf-8")


def export_text(contents: JournalContents, format_name: str) -> str:
    """The export as text, for the screen: JSON only."""
    if _check_format(format_name) == "csv":
        raise NotText("the CSV export is a zip of tables, one per record type; write it to a file with -o")
    return export_json(contents)


def parse_export(data: bytes | str, source: str, now: datetime | None = None) -> JournalContents:
    """Read and validate a whole export (JSON, a CSV zip, or the one-sheet CSV of older crests); the first
    problem is raised as `InvalidImportFile` naming `source`, the line and the field. With `now`, a time that
    cannot have happened yet (or before 2000) is a problem too."""
    if isinstance(data, bytes):
        if data.startswith(_ZIP_START):
            return csv_zip_contents(data, source, now)
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidImportFile(f"{source}: not UTF-8 text or a zip; is it a crest export?") from None
    text = data.removeprefix("\ufeff")
    if not text.strip():
        raise NotAnExportFile(f"{source}: there is nothing in the file (empty or blank)")
    if text.lstrip().startswith(("{", "[")):  # a one-sheet CSV starts with its header
        return json_contents(text, source, now)
    return legacy_csv_contents(text, source, now)


def read_export_file(path: Path, now: datetime | None = None) -> JournalContents:
    """Read `path`: a JSON export, a CSV zip, the folder such a zip unzips to, or an older one-sheet CSV."""
    try:
        if path.is_dir():
            return csv_folder_contents(path, now)
    except OSError as error:
        raise InvalidImportFile(f"cannot read {path} ({error.strerror or error})") from None
    return parse_export(_regular_file_bytes(path), str(path), now)


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
