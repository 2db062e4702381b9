"""Moving a journal: export to text or a file, import a file (into an empty journal, or merged into one that
holds records already), and deleting everything."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from crest.clock import Clock
from crest.counting import counted
from crest.input_problems import quoted
from crest.insights.practice import DEMO_WORDS
from crest.interop.fhir import FhirVersion, WarningFlag, checked_name, fhir_bundle
from crest.journal.records import JournalContents
from crest.journal.transfer import (
    FILE_SUFFIXES,
    FORMATS,
    MAX_IMPORT_BYTES,
    UnknownFormat,
    export_bytes,
    export_text,
    parse_export,
    read_export_file,
)
from crest.journal.vocabulary import SessionStatus
from crest.private_files import FileNotWritable, write_private_file
from crest.safety.screen import AdviceLevel
from crest.safety.standing import SafetyStanding, repeated_signs

# FHIR is for other software to read; crest imports its own CSV and JSON only.
EXPORT_FORMATS: tuple[str, ...] = (*FORMATS, "fhir")
_FILE_SUFFIXES = {**FILE_SUFFIXES, "fhir": "json"}
# The largest file an import reads, from a path or from a browser's upload of a backup.
LARGEST_IMPORT_BYTES = MAX_IMPORT_BYTES

if TYPE_CHECKING:
    from crest.journal.merging import MergePlan
    from crest.journal.store import Journal
    from crest.services.safety import Safety


class Transfer:
    def __init__(self, journal: Journal, clock: Clock, safety: Safety) -> None:
        self._journal = journal
        self._clock = clock
        self._safety = safety  # an urgent-care warning that stands outlives deleting everything

    @staticmethod
    def check_format(format_name: str) -> str:
        if format_name not in EXPORT_FORMATS:
            choices = ", ".join(EXPORT_FORMATS[:-1]) + " or " + EXPORT_FORMATS[-1]
            raise UnknownFormat(f"unknown export format {quoted(format_name)}; choose {choices}")
        return format_name

    def export_text(self, format_name: str, fhir_version: FhirVersion = "R5", patient_name: str | None = None) -> str:
        """The export for the screen: JSON (which `import_file` reads back) or a FHIR Bundle (R5 or R4B); the CSV
        tables only go to a file."""
        standing, contents = self._contents()
        if self.check_format(format_name) == "fhir":
            warnings = warning_flags(standing)
            return fhir_bundle(contents, fhir_version, patient_name, warnings, self._journal.person_key())
        return export_text(contents, format_name)

    def export_bytes(
        self, format_name: str, fhir_version: FhirVersion = "R5", patient_name: str | None = None
    ) -> bytes:
        """The export as its file holds it: JSON, a zip of CSV tables, or a FHIR Bundle."""
        if patient_name is not None:
            # checked whatever the format, so that a name is refused alike with or without the FHIR that carries it
            checked_name(patient_name)
        if self.check_format(format_name) == "csv":
            return export_bytes(self._contents()[1], format_name)
        return self.export_text(format_name, fhir_version, patient_name).encode("utf-8")

    def _contents(self) -> tuple[SafetyStanding, JournalContents]:
        """The warning signs that stand, and everything the journal holds: its kept urgent-care warnings too, read
        once reading the standing has forgotten those that no longer hold, so a restore brings back exactly those
        that stand."""
        standing = self._safety.standing()
        return standing, self._journal.export_contents()

    @staticmethod
    def file_name(format_name: str, stem: str = "crest-journal") -> str:
        return f"{stem}.{_FILE_SUFFIXES[format_name]}"

    def export_to_file(
        self,
        path: Path,
        format_name: str,
        fhir_version: FhirVersion = "R5",
        patient_name: str | None = None,
        *,
        overwrite: bool = False,
    ) -> None:
        """Write the export readable by its owner only; never over the journal's own files, nor over an existing
        file unless `overwrite` (`FileExists`)."""
        data = self.export_bytes(format_name, fhir_version, patient_name)
        if path.resolve() in self._journal.own_files():
            raise FileNotWritable(f"{path} is the journal itself; choose another file for the export")
        write_private_file(path, data, suggested_name=self.file_name(format_name), overwrite=overwrite)

    def import_file(self, path: Path, merge: bool = False) -> Imported:
        """Check every row of `path` (a file, or an unzipped CSV export's folder) first, then import it."""
        return self._import(read_export_file(path, self._clock()), merge)

    def import_data(self, data: bytes, source: str, merge: bool = False) -> Imported:
        """The same for an uploaded file's bytes; `source` names it in messages."""
        return self._import(parse_export(data, source, self._clock()), merge)

    def _import(self, contents: JournalContents, merge: bool) -> Imported:
        """In one transaction: fill an empty journal keeping the file's ids, or, with `merge`, add to any journal
        what it does not hold yet (exact duplicates are skipped). Without `merge` a journal with records in it
        is refused (`JournalNotEmpty`)."""
        contents, stopped = _stopped_at_export(contents)
        if not merge:
            self._journal.import_contents(contents)
            return Imported.counting(contents, breath_summed_up=contents.breath_summed_up, stopped_at_export=stopped)
        plan = self._journal.merge_contents(contents)
        imported = Imported.counting(plan, plan.skipped, contents.breath_summed_up, stopped)
        return replace(imported, updated_sessions=len(plan.updated_sessions))

    def urgent_hold_until(self) -> datetime | None:
        """When the urgent-care warning that stands now ends, if one does: deleting everything keeps it till then."""
        return max((warning.held_until for warning in self._safety.urgent_holds()), default=None)

    def delete_everything(self) -> datetime | None:
        """Every session, check-in, safety answer and setting, for good; but an urgent-care warning that stands
        is kept (its sign, level and end, nothing else) until it ends, or deleting would be a way around it.
        Returns that end, if any."""
        holds = self._safety.urgent_holds()
        self._journal.delete_everything(keep=holds)
        return max((warning.held_until for warning in holds), default=None)


def _stopped_at_export(contents: JournalContents) -> tuple[JournalContents, frozenset[int]]:
    """The file's rests that were running when it was exported, saved as interrupted at the time they had then, and
    their ids: nothing here times them, and left running the next start of crest took them for one of its own that
    had stopped unexpectedly, a line later under another command (walk s56 L4)."""
    running = frozenset(session.id or 0 for session in contents.sessions if session.status is SessionStatus.RUNNING)
    if not running:
        return contents, running
    sessions = tuple(
        replace(session, status=SessionStatus.INTERRUPTED) if session.status is SessionStatus.RUNNING else session
        for session in contents.sessions
    )
    return replace(contents, sessions=sessions), running


@dataclass(frozen=True)
class Imported:
    """How many records of every kind an import added, and how many it skipped as already in the journal."""

    sessions: int
    logged_sessions: int  # of `sessions`, those logged afterwards rather than timed
    demo_sessions: int  # of `sessions`, the demos: kept, never counted as practice
    check_ins: int
    safety_screens: int
    safety_clearances: int
    psfs_rounds: int
    settings: int
    skipped: int = 0
    session_notes: int = 0  # a linked crest's copies of its practitioners' notes
    safety_warnings: int = 0  # warning signs kept apart from what raised them, each until its end
    # Sessions the journal held, brought up to the file's later record of the same rest (not in `sessions`)
    updated_sessions: int = 0
    # Of `sessions`, those whose breath reading the file held only summed up (a CSV export): added without it
    breath_left_out: int = 0
    # Of `sessions`, those running when the file was exported: added as interrupted
    stopped_at_export: int = 0

    @classmethod
    def counting(
        cls,
        added: JournalContents | MergePlan,
        skipped: int = 0,
        breath_summed_up: frozenset[int] = frozenset(),
        stopped_at_export: frozenset[int] = frozenset(),
    ) -> Imported:
        return cls(
            sessions=len(added.sessions),
            logged_sessions=sum(1 for session in added.sessions if session.logged),
            demo_sessions=sum(1 for session in added.sessions if session.demo),
            check_ins=len(added.check_ins),
            safety_screens=len(added.safety_screens),
            safety_clearances=len(added.safety_clearances),
            psfs_rounds=len(added.psfs),
            settings=len(added.settings),
            skipped=skipped,
            session_notes=len(added.session_notes),
            safety_warnings=len(added.safety_warnings),
            breath_left_out=sum(1 for session in added.sessions if session.id in breath_summed_up),
            stopped_at_export=sum(1 for session in added.sessions if session.id in stopped_at_export),
        )

    def nothing_new(self, source: str) -> str | None:
        """When a merge found every record of `source` already here, that, in the same words for every door: a row
        of "0 sessions, 0 check-ins, ..." reads as if something went wrong. None when it added anything, or skipped
        nothing (a file with no records says so in its counts)."""
        added = (
            self.sessions,
            self.check_ins,
            self.safety_screens,
            self.safety_clearances,
            self.psfs_rounds,
            self.session_notes,
            self.safety_warnings,
            self.updated_sessions,
        )
        if any(added) or self.settings or not self.skipped:
            return None
        return f"Nothing to add: every record in {source} is already here."

    def counts(self) -> tuple[str, ...]:
        """Each kind of record the file held, in words, for every door: "3 sessions (1 logged; 1 demo: run faster
        than real time, not counted as practice)", "2 ratings of your daily activities (...)". A kind it held none of
        goes unsaid: "0 clinicians' all-clears, 0 PSFS rounds" read as something missing (first-day walk-through L4)."""
        kinds = []
        if self.logged_sessions:
            kinds.append(f"{self.logged_sessions} logged")
        if self.demo_sessions:  # so that no one restoring a backup takes its demos for rests they did
            kinds.append(f"{counted(self.demo_sessions, 'demo')}: {DEMO_WORDS}")
        if self.stopped_at_export:  # said here, not by the next command as a rest of this crest's that stopped
            kinds.append(f"{self.stopped_at_export} running when the file was made: saved as interrupted")
        # The scale named in full once, as the Activities page and the report name it
        activities = counted(self.psfs_rounds, "rating of your daily activities", "ratings of your daily activities")
        said = (
            (self.sessions, counted(self.sessions, "session") + (f" ({'; '.join(kinds)})" if kinds else "")),
            # A rest exported while it ran and again after it ended is one session, brought up to date, not two
            (
                self.updated_sessions,
                counted(self.updated_sessions, "session brought up to date", "sessions brought up to date"),
            ),
            (self.check_ins, counted(self.check_ins, "check-in")),
            (self.safety_screens, counted(self.safety_screens, "set of safety answers", "sets of safety answers")),
            (
                self.safety_clearances,
                counted(self.safety_clearances, "clinician's all-clear", "clinicians' all-clears"),
            ),
            (self.psfs_rounds, f"{activities} (the Patient-Specific Functional Scale)"),
            (self.settings, counted(self.settings, "setting")),
            (self.session_notes, counted(self.session_notes, "practitioner's note", "practitioners' notes")),
            # a restored warning stands again until its end
            (self.safety_warnings, counted(self.safety_warnings, "warning sign kept", "warning signs kept")),
        )
        return tuple(words for count, words in said if count) or ("no records",)

    def breath_not_restored(self) -> str | None:
        """What a CSV restore left out, a sentence in the same words for every door: a rest's breathing chart."""
        if not self.breath_left_out:
            return None
        one = self.breath_left_out == 1
        readings = "session's breath reading is" if one else "sessions' breath readings are"
        return (
            f"{self.breath_left_out} {readings} in this CSV file only as a summary (the rate and the movement count) "
            f"and {'was' if one else 'were'} not restored; import the JSON export instead to keep "
            f"{'it' if one else 'them'}."
        )


def warning_flags(standing: SafetyStanding) -> list[WarningFlag]:
    """Each warning sign that stands (a "yes" to a red-flag question; a check-in's sign, kept ones too), with what
    it asks: the FHIR export's Flags, as the report names them."""
    answers = [
        WarningFlag(f"{reason.question.level.advice}: a “yes” to “{reason.question.text}”", reason.answered_at)
        for reason in standing.standing_reasons
        if reason.question.level >= AdviceLevel.SEE_CLINICIAN
    ]
    signs = [
        WarningFlag(f"{sign.first.question.level.advice}: {sign.where_from()}", sign.first.at)
        for sign in repeated_signs(standing.standing_check_in_reasons)
    ]
    return answers + signs
