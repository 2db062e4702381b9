"""Every use case over one journal, built once by each door's composition root and handed to its commands."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from typing import TYPE_CHECKING

from crest.clock import Clock
from crest.services.checkins import CheckIns
from crest.services.practice import PracticeSessions
from crest.services.preferences import PreferencesStore
from crest.services.psfs import DailyActivities
from crest.services.reminders import Reminders
from crest.services.report import ClinicianReports
from crest.services.reports import Reports
from crest.services.safety import Safety
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

    @classmethod
    def over(cls, journal: Journal, clock: Clock, zone: tzinfo) -> Services:
        safety = Safety(journal, clock, zone)
        preferences = PreferencesStore(journal)
        return cls(
            safety=safety,
            practice=PracticeSessions(journal, clock, safety),
            check_ins=CheckIns(journal, clock),
            preferences=preferences,
            transfer=Transfer(journal),
            reports=Reports(journal, clock, zone, preferences),
            daily_activities=DailyActivities(journal, clock),
            clinician_reports=ClinicianReports(journal, clock, zone, preferences, safety),
            reminders=Reminders(preferences, clock, zone),
            clock=clock,
            zone=zone,
            where=journal.where,
        )
