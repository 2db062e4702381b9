"""Moving a journal: export to text or a file, import a file into an empty journal."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from crest.clock import Clock
from crest.journal.records import JournalContents
from crest.journal.transfer import FILE_SUFFIXES, FORMATS, UnknownFormat, export_bytes, export_text, read_export_file
from crest.private_files import FileNotWritable, write_private_file

if TYPE_CHECKING:
    from crest.journal.store import Journal


class Transfer:
    def __init__(self, journal: Journal, clock: Clock) -> None:
        self._journal = journal
        self._clock = clock

    @staticmethod
    def check_format(format_name: str) -> str:
        if format_name not in FORMATS:
            raise UnknownFormat(f"unknown export format '{format_name}'; choose {' or '.join(FORMATS)}")
        return format_name

    def export_text(self, format_name: str) -> str:
        """The export for the screen (JSON; the CSV tables only go to a file)."""
        return export_text(self._journal.export_contents(), self.check_format(format_name))

    def export_bytes(self, format_name: str) -> bytes:
        """The export as its file holds it: JSON, or a zip of CSV tables."""
        return export_bytes(self._journal.export_contents(), self.check_format(format_name))

    @staticmethod
    def file_name(format_name: str, stem: str = "crest-journal") -> str:
        return f"{stem}.{FILE_SUFFIXES[format_name]}"

    def export_to_file(self, path: Path, format_name: str) -> None:
        """Write the export readable by its owner only; never over the journal's own files."""
        data = self.export_bytes(format_name)
        if path.resolve() in self._journal.own_files():
            raise FileNotWritable(f"{path} is the journal itself; choose another file for the export")
        write_private_file(path, data, suggested_name=self.file_name(format_name))

    def import_file(self, path: Path) -> JournalContents:
        """Check every row of `path` first, then fill the empty journal with it in one transaction."""
        contents = read_export_file(path, self._clock())
        self._journal.import_contents(contents)
        return contents
