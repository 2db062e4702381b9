"""Moving a journal: export to text or a file, import a file into an empty journal."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from crest.interop.fhir import FhirVersion, fhir_bundle
from crest.journal.records import JournalContents
from crest.journal.transfer import FORMATS, UnknownFormat, export_text, read_export_file
from crest.private_files import FileNotWritable, write_private_file

# FHIR is for other software to read; crest imports its own CSV and JSON only.
EXPORT_FORMATS: tuple[str, ...] = (*FORMATS, "fhir")

if TYPE_CHECKING:
    from crest.journal.store import Journal


class Transfer:
    def __init__(self, journal: Journal) -> None:
        self._journal = journal

    @staticmethod
    def check_format(format_name: str) -> str:
        if format_name not in EXPORT_FORMATS:
            choices = ", ".join(EXPORT_FORMATS[:-1]) + " or " + EXPORT_FORMATS[-1]
            raise UnknownFormat(f"unknown export format '{format_name}'; choose {choices}")
        return format_name

    def export_text(self, format_name: str, fhir_version: FhirVersion = "R5", patient_name: str | None = None) -> str:
        """The whole journal as CSV or JSON (which `import_file` reads back), or as a FHIR Bundle (R5 or R4B)."""
        contents = self._journal.export_contents()
        if self.check_format(format_name) == "fhir":
            return fhir_bundle(contents, fhir_version, patient_name)
        return export_text(contents, format_name)

    def export_to_file(
        self, path: Path, format_name: str, fhir_version: FhirVersion = "R5", patient_name: str | None = None
    ) -> None:
        """Write the export readable by its owner only; never over the journal's own files."""
        text = self.export_text(format_name, fhir_version, patient_name)
        if path.resolve() in self._journal.own_files():
            raise FileNotWritable(f"{path} is the journal itself; choose another file for the export")
        suffix = "json" if format_name == "fhir" else format_name
        write_private_file(path, text, suggested_name=f"crest-journal.{suffix}")

    def import_file(self, path: Path) -> JournalContents:
        """Check every row of `path` first, then fill the empty journal with it in one transaction."""
        contents = read_export_file(path)
        self._journal.import_contents(contents)
        return contents
