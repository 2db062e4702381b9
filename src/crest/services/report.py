"""The report for the clinician: gather a period's records, compute its numbers, render it as HTML or PDF."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from crest.clock import Clock
from crest.errors import CrestError
from crest.insights.practice import WeeklyTarget
from crest.insights.report import (
    ClinicianReport,
    Concern,
    Period,
    SafetySummary,
    YesGiven,
    period_of,
    report_data,
    yes_given,
)
from crest.insights.timeframe import start_of_day
from crest.journal.records import CheckIn, SafetyClearance
from crest.private_files import write_private_file
from crest.protocol.loader import load_protocol
from crest.safety.screen import AdviceLevel
from crest.safety.standing import RepeatedSign, repeated_signs
from crest.services.preferences import PreferencesStore
from crest.services.safety import Safety, SafetyStanding, check_in_signs

if TYPE_CHECKING:
    from crest.journal.store import Journal
    from crest.report.render import Paper

REPORT_SUFFIXES = (".pdf", ".html")
# What crest advised, told to the clinician who reads the report (the person was told it in their own words).
ADVISED: dict[AdviceLevel, str] = {
    AdviceLevel.CLEAR: "No warning sign stands: crest advised resting as usual and stopping if the position brings on "
    "or worsens symptoms.",
    AdviceLevel.SIDE_LYING: "crest advised resting on the side rather than flat on the back (pregnancy from about "
    "16 weeks), and asking a midwife or doctor what suits.",
    AdviceLevel.SEE_CLINICIAN: "crest advised seeing a clinician before continuing, and starts no session until then.",
    AdviceLevel.URGENT: "crest advised seeking urgent medical care at once.",
}
UNREADABLE_ANSWERS = "These answers were saved in a form this crest cannot read."
# No answers to read, and every sign a check-in named cleared: nothing stands, and nothing was misread either.
SIGNS_CLEARED_NO_ANSWERS = "No warning sign stands: a clinician cleared each sign below."


def _cleared(clearance: SafetyClearance | None) -> str:
    return "" if clearance is None else f" (cleared by {clearance.clinician} on {clearance.cleared_on})"


def safety_summary(standing: SafetyStanding) -> SafetySummary | None:
    """What crest advised and every warning sign behind `standing`, as the report and the practitioner's client
    page say them; None: the safety questions were never answered, and no check-in named a sign."""
    if standing.latest is None and not standing.check_in_reasons:
        return None
    return SafetySummary(
        answered_at=None if standing.latest is None else standing.latest.answered_at,
        advice=ADVISED[standing.level]
        if standing.level is not None
        else UNREADABLE_ANSWERS
        if standing.latest is not None
        else SIGNS_CLEARED_NO_ANSWERS,
        answered_yes=tuple(
            (reason.question.text + _cleared(reason.cleared_by), reason.question.source) for reason in standing.reasons
        ),
        # listed apart from the advice they stand under: each says what it asks
        named_in_check_ins=tuple(
            (_where_from(sign, with_advice=True) + _cleared(sign.cleared_by), "; ".join(sign.first.sources))
            for sign in repeated_signs(standing.check_in_reasons)
        ),
        concerns=_concerns(standing) if standing.concern_stands else (),
    )


def _where_from(sign: RepeatedSign, with_advice: bool = False) -> str:
    """Where the sign came from, as a statement (`with_advice`: with what it asks): one kept through deleting
    everything without its own words (kept from a "yes", or by an older crest) is named by its safety question, in
    quotes, not as a question of its own."""
    first = sign.first
    if not first.data_deleted:
        return sign.where_from(with_advice)
    kept = f"{first.said(with_advice, 'urgent-care ')} kept when the data was deleted"
    if first.named == first.question.text:
        return f"{kept} (the safety question “{first.named}”)"
    return f"{kept}: {first.named[:1].lower()}{first.named[1:]}"


def _concerns(standing: SafetyStanding) -> tuple[Concern, ...]:
    """Each advice that stands with its own signs, as `SafetyStanding.by_advice` groups them, in the report's words."""
    return tuple(
        Concern(
            ADVISED[group.level],
            tuple([f"a “yes” to “{reason.question.text}”" for reason in group.answers])
            + tuple(_where_from(sign) for sign in group.signs),
        )
        for group in standing.by_advice
    )


class UnknownReportFormat(CrestError):
    """A report file name that ends neither in .pdf nor in .html."""


class ClinicianReports:
    def __init__(
        self, journal: Journal, clock: Clock, zone: tzinfo, preferences: PreferencesStore, safety: Safety
    ) -> None:
        self._journal = journal
        self._clock = clock
        self._zone = zone
        self._preferences = preferences
        self._safety = safety

    def build(
        self,
        since: date | None = None,
        until: date | None = None,
        include_notes: bool = False,
        prescription: WeeklyTarget | None = None,
        client_name: str | None = None,
    ) -> ClinicianReport:
        """`client_name`: the report a practitioner makes of a client names them throughout."""
        now = self._clock()
        sessions = self._journal.list_sessions()
        check_ins = self._journal.list_checkins()
        assessments = self._journal.list_psfs()
        period = period_of(sessions, check_ins, assessments, self._zone, now, since, until)
        preferences = self._preferences.current()
        data = report_data(
            sessions,
            check_ins,
            assessments,
            self._zone,
            period,
            preferences.weekly_goal_sessions,
            prescription or self._prescribed_target(now),
            include_notes,
            today=now.astimezone(self._zone).date(),
            goal_chosen=preferences.weekly_goal_chosen,
        )
        standing = self._safety.standing()
        return ClinicianReport(
            data=data,
            generated_at=now.astimezone(self._zone),  # every time in the report reads in the person's zone
            zone_name=str(getattr(self._zone, "key", None) or now.astimezone(self._zone).tzname() or "UTC"),
            safety=safety_summary(standing),
            disclaimer=load_protocol().disclaimer,
            client_name=client_name,
            earlier_signs=self._earlier_signs(check_ins, period, standing),
            yes_in_period=self._yes_in_period(period, standing),
            prescribed=self._prescribed(period),
        )

    def _prescribed(self, period: Period) -> str | None:
        """The current prescription, in full, when some day of the period falls within it."""
        dose = self._journal.current_prescription()
        if dose is None or dose.start_on > period.last_day or (dose.end_on and dose.end_on < period.first_day):
            return None
        said = f"{dose.in_full()} ({dose.prescribed_by})" if dose.prescribed_by else dose.in_full()
        changed = dose.changed_on(self._zone)
        return said if changed is None else f"{said} Changed to this on {changed}: before, an earlier version applied."

    def _yes_in_period(self, period: Period, standing: SafetyStanding) -> tuple[YesGiven, ...]:
        """Every "yes" given in the period that the safety section does not list already as standing (or cleared)."""
        listed = {(reason.question.text, reason.answered_at) for reason in standing.reasons}
        given = yes_given(
            self._journal.safety_screens_since(start_of_day(period.first_day, self._zone)),
            self._journal.safety_clearances(),
            period,
            self._zone,
        )
        return tuple(yes for yes in given if (yes.question, yes.answered_at) not in listed)

    def _earlier_signs(
        self, check_ins: list[CheckIn], period: Period, standing: SafetyStanding
    ) -> tuple[tuple[str, str], ...]:
        """The warning signs the period's check-ins named that stand no more, each said once with what it asked."""
        standing_now = {(reason.sign.check_in_id, reason.sign.question.id) for reason in standing.check_in_reasons}
        in_period = [
            check_in
            for check_in in check_ins
            if period.first_day <= check_in.at.astimezone(self._zone).date() <= period.last_day
        ]
        said: dict[str, str] = {}
        for sign in check_in_signs(in_period, self._zone):
            if (sign.check_in_id, sign.question.id) not in standing_now:
                said.setdefault(sign.where_from(with_advice=True), "; ".join(sign.sources))
        return tuple(said.items())

    def _prescribed_target(self, now: datetime) -> WeeklyTarget | None:
        prescription = self._journal.current_prescription()
        if prescription is None or not prescription.applies_on(now.astimezone(self._zone).date()):
            return None
        return prescription.weekly_target(self._zone)

    @staticmethod
    def html(report: ClinicianReport) -> str:
        """A whole HTML document, the same one the PDF is printed from."""
        # Its charts and page layout only here: every command that opens the journal builds this service.
        from crest.report.render import report_html

        return report_html(report)

    @staticmethod
    def pdf(report: ClinicianReport, paper: Paper = "a4") -> bytes:
        from crest.report.render import report_pdf  # as report_html above

        return report_pdf(report, paper)

    def write(self, path: Path, report: ClinicianReport, paper: Paper = "a4", *, overwrite: bool = False) -> None:
        """Write the report as PDF or HTML, chosen by the file name; readable by its owner only; over an existing
        file only with `overwrite` (`FileExists`)."""
        suffix = path.suffix.lower()
        if suffix not in REPORT_SUFFIXES:
            raise UnknownReportFormat(f"{path.name}: name the report file .pdf or .html, like report.pdf")
        payload: bytes | str = self.pdf(report, paper) if suffix == ".pdf" else self.html(report)
        write_private_file(path, payload, suggested_name=f"crest-report{suffix}", overwrite=overwrite)
