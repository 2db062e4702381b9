"""Every use case over one journal, built once by each door's composition root and handed to its commands."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from crest.clock import Clock, zone_name_of
from crest.journal.unreadable import left_out_line
from crest.services.checkins import CheckIns
from crest.services.practice import PracticeSessions
from crest.services.practice_link import PracticeLink
from crest.services.preferences import PreferencesStore
from crest.services.psfs import DailyActivities
from crest.services.reminders import Reminders
from crest.services.report import ClinicianReports
from crest.services.reports import Reports
from crest.services.safety import Safety
from crest.services.sync import JournalSync
from crest.services.transfer import Transfer

if TYPE_CHECKING:
    from crest.journal.store import Journal


@dataclass(frozen=True)
class Services:
    safety: Safety
    practice: PracticeSessions
    check_ins: CheckIns
    preferences: PreferencesStore
    transfer: Transfer
    reports: Reports
    daily_activities: DailyActivities  # the PSFS
    clinician_reports: ClinicianReports
    reminders: Reminders
    clock: Clock
    zone: tzinfo  # the person's time zone: where their days begin
    where: str  # the journal's location, for messages
    sync: JournalSync  # records with their uids, for `crest sync` and the practice's server
    link: PracticeLink | None  # a local crest's link to a practice (None on the practice's server)
    # One line naming the rows of the journal that reads have left out (edited by hand into values crest refuses),
    # and how to put them right; None when every row read.
    left_out: Callable[[], str | None]
    updated_for_this_version: bool = False  # this opening updated a journal in an older crest's form

    @classmethod
    def over(cls, journal: Journal, clock: Clock, zone: tzinfo, link_home: Path | None = None) -> Services:
        """`link_home`: the data folder where a local crest keeps its link to a practice."""
        safety = Safety(journal, clock, zone)
        preferences = PreferencesStore(journal)
        sync = JournalSync(journal, safety)
        return cls(
            safety=safety,
            practice=PracticeSessions(journal, clock, zone, safety),
            check_ins=CheckIns(journal, clock, zone, safety),
            preferences=preferences,
            transfer=Transfer(journal, clock, safety),
            reports=Reports(journal, clock, zone, preferences),
            daily_activities=DailyActivities(journal, clock),
            clinician_reports=ClinicianReports(journal, clock, zone, preferences, safety),
            reminders=Reminders(
                preferences,
                clock,
                zone,
                journal.current_prescription,
                lambda: safety.standing().side_lying_only,
                safety.require_may_be_reminded,
            ),
            clock=clock,
            zone=zone,
            where=journal.where,
            sync=sync,
            link=None if link_home is None else PracticeLink(link_home, sync, clock, zone_name=zone_name_of(zone)),
            left_out=lambda: left_out_line(journal.unreadable_rows(), "Left out"),
            updated_for_this_version=journal.updated_for_this_version,
        )
