"""What practitioners do: their clients sorted by who needs attention, one client's data (read-only, every read
audited), prescribing, acknowledging alerts, notes on sessions, ending a programme. And what a client controls:
who follows them and what is shared.

Every lookup starts from the asking actor (a practitioner's own care links), so another practice's client, or a
client who revoked consent, is simply not found: 404, never 403.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from crest.accounts.model import Actor, Client, Practitioner
from crest.accounts.permissions import Action
from crest.accounts.records import (
    MAX_SESSION_NOTE_CHARACTERS,
    AuditEntry,
    CareLinkRecord,
    PractitionerNote,
    Prescription,
    SyncedSessionNote,
    check_name,
    check_prescribed_days,
)
from crest.clock import Clock, named_zone
from crest.errors import CrestError
from crest.input_problems import quoted
from crest.insights.alerts import (
    RECENT_DAYS,
    Alert,
    AlertKind,
    AlertLevel,
    ClientSignals,
    acknowledged_alerts,
    client_alerts,
    highest_level,
    open_alerts,
)
from crest.insights.pain import PainTrend, pain_trends
from crest.insights.practice import Adherence, adherence, last_real_session_at
from crest.insights.progress import ProgressSummary
from crest.insights.psfs import PsfsChange, psfs_change
from crest.insights.report import ClinicianReport, SafetySummary
from crest.insights.timeframe import start_of_day
from crest.insights.verdicts import WINDOW_DAYS
from crest.interop.fhir import FhirVersion
from crest.journal.records import CheckIn, PracticeSession, check_note
from crest.safety.standing import LONGEST_WAIT, safety_standing
from crest.services.accounts import NotAllowed, NotFoundForYou, linked_client, require
from crest.services.audit import Audited, AuditLog
from crest.services.practice_link import nobody_follows
from crest.services.report import safety_summary
from crest.services.safety import check_in_signs, each_sign_once, kept_sign
from crest.services.sync import HeldPage, strip_notes

if TYPE_CHECKING:
    from crest.journal.practice_store import ClientWindow, LinkedClient, LinkedPractitioner, PracticeStore
    from crest.journal.store import RecordKind
    from crest.services.bundle import Services

DASHBOARD_DAYS = 31  # adherence needs 28 days, "days with data" 30
# The client page and its API list the newest sessions and check-ins, never the whole journal: a client's years
# (or a file made to be huge) must not make their practitioner's view slow. The FHIR export holds them all.
SESSIONS_SHOWN = 30
CHECK_INS_SHOWN = 30
SHARING_REVOKED = "sharing revoked"  # the audit's word for a link revoked, on My practitioner or by crest unlink


class InvalidAlertKind(CrestError):
    pass


class NobodyFollows(CrestError):
    """A sync from a person nobody at the practice follows now: what it sent would sit where nobody looks."""

    http_status = 409


@dataclass(frozen=True)
class ClientSummary:
    """One row of the dashboard."""

    client_id: int  # the client's account id: /api/practice/clients/{id}
    person_id: int  # whose journal: what the audit log names
    name: str
    alerts: tuple[Alert, ...]  # open (not acknowledged since raised), most serious first
    adherence: Adherence
    trends: tuple[PainTrend, ...]
    psfs: PsfsChange
    last_session_at: datetime | None  # in real time: a demo shows on the client's page, never as their last rest
    prescription: Prescription | None
    zone: tzinfo  # the client's own, where their days begin and in which their times read
    # Critical ones acknowledged that still stand: the row still names them, lower in the list (acknowledged means
    # acted on; the advice of an urgent-care sign holds 14 days all the same)
    acknowledged: tuple[Alert, ...] = ()

    @property
    def level(self) -> AlertLevel | None:
        return highest_level(self.alerts)

    @property
    def urgent(self) -> bool:
        """An open alert asks for urgent care (a red-flag answer or a check-in's sign)."""
        return any(alert.urgent for alert in self.alerts)


@dataclass(frozen=True)
class ClientExport:
    """A client's FHIR bundle, with what its download is named for: the client and their day."""

    text: str
    client_name: str
    day: date  # the client's today, where they live


@dataclass(frozen=True)
class Caseload:
    """What a practitioner's removal leaves without anyone following it."""

    clients: int
    # of the clients nobody else here follows: another practitioner who does keeps seeing their alerts
    with_open_alerts: int
    with_critical_alerts: int  # severe pain, a red flag or a warning sign that nobody has acknowledged
    followed_by_others: int = 0  # clients another practitioner here follows too: they stay followed


@dataclass(frozen=True)
class ProgrammeToEnd:
    """The client whose programme is about to end, as the list of clients shows them, and whether another
    practitioner here follows them too (and keeps seeing their alerts)."""

    client: ClientSummary
    followed_by_others: bool


@dataclass(frozen=True)
class ClientDetail:
    client_id: int
    name: str
    email: str
    share_notes: bool
    since: datetime  # when the client agreed to share
    summary: ProgressSummary
    alerts: tuple[Alert, ...]  # every alert that stands, acknowledged or not
    open_kinds: frozenset[AlertKind]
    # when this practitioner acknowledged each alert that stands acknowledged (an acknowledgement is their own)
    acknowledged_at: dict[AlertKind, datetime]
    sessions: tuple[PracticeSession, ...]  # the newest SESSIONS_SHOWN, newest first
    sessions_held: int  # all of them
    check_ins: tuple[CheckIn, ...]  # the newest CHECK_INS_SHOWN, newest first; notes only when the client shares them
    check_ins_held: int
    # the warning signs of those check-ins by id, each with its advice, said under its check-in (never the note's
    # words)
    check_in_signs: dict[int | None, tuple[str, ...]]
    notes: dict[int, list[PractitionerNote]]  # practitioners' notes by session, oldest first
    prescriptions: tuple[Prescription, ...]  # every version, newest first
    # the one the client follows: the newest of every practitioner's who follows them (another's may replace these),
    # another's without the note they wrote to the client (`seen_by_another`)
    in_force: Prescription | None
    # what crest advised and every sign behind it (each "yes", each check-in's sign, kept ones too), as the report
    safety: SafetySummary | None
    zone: tzinfo  # the client's own, where their days begin and in which their times read


@dataclass(frozen=True)
class SharingView:
    """For the client: one practitioner who follows them and what is shared."""

    link_id: int
    practitioner: str
    shared: bool
    share_notes: bool
    ended: bool


def zone_named(name: str | None, fallback: tzinfo) -> tzinfo:
    """A person's own time zone when they chose one (a practice's clients live in many), else `fallback`."""
    return (named_zone(name) if name else None) or fallback


def seen_by_another(prescription: Prescription) -> Prescription:
    """Another practitioner's prescription as one who also follows the client sees it: the dose, its days and whose
    it is, which the client follows; not the note its author wrote to the client."""
    return replace(prescription, note=None)


def _recent(check_ins: Sequence[CheckIn], now: datetime) -> list[CheckIn]:
    """The check-ins whose warning signs may raise an alert: the last RECENT_DAYS days', and the urgent-care ones'
    for as long as their advice holds (LONGEST_WAIT)."""
    since = now - max(timedelta(days=RECENT_DAYS), LONGEST_WAIT)
    return [check_in for check_in in check_ins if check_in.at >= since]


class PracticeMode:
    def __init__(
        self,
        store: PracticeStore,
        services_for: Callable[[int], Services],
        clock: Clock,
        zone: tzinfo,
        audit: AuditLog,
    ) -> None:
        self._store = store
        self._services_for = services_for  # a client's own services, over their person
        self._clock = clock
        self._zone = zone
        self._audit = audit

    # The dashboard

    def clients(self, actor: Actor, address: str | None = None) -> list[ClientSummary]:
        """The practitioner's clients, who needs attention first (critical, those told to seek urgent care first;
        high, low, then by name). A row shows the client's data, so it is a read: audited once a day per client,
        which the client sees."""
        require(actor, Action.LIST_CLIENTS, what="follow clients")
        assert isinstance(actor, Practitioner)
        summaries = self._summaries(self._store.clients_of(actor.membership_id))
        self._audit_listed(actor, summaries, address)
        return summaries

    def _audit_listed(self, actor: Actor, summaries: Sequence[ClientSummary], address: str | None) -> None:
        today = start_of_day(self.today(), self._zone)
        already = self._audit.subjects_since(actor, Audited.LIST_CLIENT, today)
        name = self._name_of(actor)
        for row in summaries:
            if row.person_id not in already:
                self._audit.record(
                    actor, Audited.LIST_CLIENT, actor_name=name, subject_person_id=row.person_id, address=address
                )

    def caseload(self, actor: Actor, membership_id: int) -> Caseload:
        """For the admin about to remove a practitioner: how many clients that practitioner follows and how many
        have an alert nobody has acknowledged. Counts only: the admin reads no client's data."""
        membership = self._store.membership(membership_id)
        if membership is None:
            require(actor, Action.LIST_PRACTITIONERS, what="remove practitioners")
            raise NotFoundForYou("there is no such practitioner")
        require(actor, Action.REMOVE_PRACTITIONER, membership.as_target(), "practitioner")
        linked = self._store.clients_of(membership_id)
        shared = {one.client.id for one in linked if self._followed_by_another(one)}
        summaries = self._summaries(linked)
        alone = [row for row in summaries if row.client_id not in shared]
        return Caseload(
            clients=len(summaries),
            with_open_alerts=sum(bool(row.alerts) for row in alone),
            with_critical_alerts=sum(row.level is AlertLevel.CRITICAL for row in alone),
            followed_by_others=len(summaries) - len(alone),
        )

    def _followed_by_another(self, linked: LinkedClient) -> bool:
        """Whether another practitioner here follows the client too (a removal ends a practitioner's links)."""
        return any(
            other.link.live and other.link.id != linked.link.id
            for other in self._store.practitioners_of(linked.client_membership.id)
        )

    def _summaries(self, linked: Sequence[LinkedClient]) -> list[ClientSummary]:
        now = self._clock()
        windows = self._store.client_windows(
            [one.client.person_id for one in linked if one.client.person_id is not None],
            now - timedelta(days=DASHBOARD_DAYS),
            timedelta(days=WINDOW_DAYS),
        )
        acknowledged = self._store.acknowledgements([one.link.id for one in linked])
        summaries = [
            self._summary(one, windows[one.client.person_id], acknowledged.get(one.link.id, {}), now)
            for one in linked
            if one.client.person_id is not None and one.client.person_id in windows
        ]
        # urgent care first among the critical: a pain of 7/10 must not push it down a long list by name
        return sorted(
            summaries, key=lambda row: (-(row.level or 0), not row.urgent, row.name.casefold(), row.client_id)
        )

    def _summary(
        self, linked: LinkedClient, window: ClientWindow, acknowledged: dict[str, datetime], now: datetime
    ) -> ClientSummary:
        signals = self._signals(linked, window, now)
        zone, trends = signals.zone, signals.trends
        prescription = window.prescription
        applies = prescription is not None and prescription.applies_on(now.astimezone(zone).date())
        target = prescription.weekly_target(zone) if prescription is not None and applies else None
        alerts = client_alerts(signals, now)
        acknowledged_kinds = {AlertKind(kind): at for kind, at in acknowledged.items()}
        assert linked.client.person_id is not None  # a client account always has its person
        return ClientSummary(
            client_id=linked.client.id,
            person_id=linked.client.person_id,
            name=linked.client.name,
            alerts=tuple(open_alerts(alerts, acknowledged_kinds)),
            acknowledged=tuple(acknowledged_alerts(alerts, acknowledged_kinds)),
            adherence=adherence(window.sessions, window.check_ins, zone, now, None, target),
            trends=tuple(trends),
            psfs=psfs_change(window.psfs),
            last_session_at=window.last_session_at,
            prescription=(
                prescription
                if prescription is None or window.prescription_link_id == linked.link.id
                else seen_by_another(prescription)
            ),
            zone=zone,
        )

    def _signals(self, linked: LinkedClient, window: ClientWindow, now: datetime) -> ClientSignals:
        """What a client's alerts are computed from, read from their window of the journal."""
        zone = zone_named(window.zone_name, self._zone)
        prescription = window.prescription
        applies = prescription is not None and prescription.applies_on(now.astimezone(zone).date())
        # the answers' standing as the client's page and their own crest read it: an earlier "yes" within its
        # waiting time, all-clears; the red flag dated by its "yes", so answers all "no" do not raise it again
        safety = safety_standing(window.safety_screens, window.clearances, now)
        said = safety.concern_said
        return ClientSignals(
            recent_check_ins=window.check_ins,
            trends=pain_trends(window.check_ins, zone),
            last_session_at=window.last_session_at,
            programme_start=linked.link.consent_granted_at or linked.link.created_at,
            daily_plan=prescription is not None and applies and prescription.daily,
            safety_level=safety.answers_level,
            safety_answered_at=None if said is None else said.answered_at,
            safety_stored_at=None if said is None else said.stored_at,
            zone=zone,
            check_in_signs=each_sign_once(
                [
                    *check_in_signs(_recent(window.check_ins, now), zone),
                    *(kept_sign(warning, zone) for warning in window.kept_warnings if warning.held_until > now),
                ]
            ),
        )

    def _standing_alerts(self, linked: LinkedClient) -> list[Alert]:
        """The client's alerts that stand now, open or acknowledged, as their row in the list of clients reads them."""
        now = self._clock()
        person_id = linked.client.person_id
        assert person_id is not None  # a client account always has its person
        windows = self._store.client_windows(
            [person_id], now - timedelta(days=DASHBOARD_DAYS), timedelta(days=WINDOW_DAYS)
        )
        return client_alerts(self._signals(linked, windows[person_id], now), now)

    # One client

    def _linked(self, actor: Actor, client_id: int, action: Action) -> LinkedClient:
        return linked_client(self._store, actor, client_id, action)

    def _client_services(self, linked: LinkedClient) -> Services:
        assert linked.client.person_id is not None  # a client account always has its person
        return self._services_for(linked.client.person_id)

    def client_detail(self, actor: Actor, client_id: int, address: str | None = None) -> ClientDetail:
        linked = self._linked(actor, client_id, Action.READ_CLIENT)
        services = self._client_services(linked)
        self._audited_read(actor, linked, Audited.READ_CLIENT, address)
        now = self._clock()
        journal_sessions = services.practice.list_sessions()
        check_ins = tuple(reversed(services.check_ins.list_check_ins()))
        prescription = services.reports.prescription()
        summary = services.reports.summary()
        safety = services.safety.standing()
        said = safety.concern_said
        shown = check_ins[:CHECK_INS_SHOWN]
        # the shown check-ins are marked with their signs; the alerts read the last RECENT_DAYS days
        signs = check_in_signs({c.id: c for c in (*shown, *_recent(check_ins, now))}.values(), services.zone)
        kept = [reason.sign for reason in safety.check_in_reasons if reason.sign.kept]
        signals = ClientSignals(
            recent_check_ins=check_ins,
            trends=summary.trends,
            last_session_at=last_real_session_at(journal_sessions),
            programme_start=linked.link.consent_granted_at or linked.link.created_at,
            daily_plan=prescription is not None and prescription.daily,
            safety_level=safety.answers_level,
            safety_answered_at=None if said is None else said.answered_at,
            safety_stored_at=None if said is None else said.stored_at,
            zone=services.zone,
            check_in_signs=each_sign_once([*signs, *kept]),
        )
        alerts = client_alerts(signals, now)
        acknowledged = self._store.acknowledgements([linked.link.id]).get(linked.link.id, {})
        still_open = open_alerts(alerts, {AlertKind(kind): at for kind, at in acknowledged.items()})
        notes: dict[int, list[PractitionerNote]] = {}
        own = tuple(self._store.prescriptions(linked.link.id))
        assert linked.client.person_id is not None  # as `_client_services` checked
        for note in self._store.practitioner_notes(linked.client.person_id):
            notes.setdefault(note.session_id, []).append(note)
        return ClientDetail(
            client_id=linked.client.id,
            name=linked.client.name,
            email=linked.client.email,
            share_notes=linked.link.share_notes,
            since=linked.link.consent_granted_at or linked.link.created_at,
            summary=summary,
            alerts=tuple(alerts),
            open_kinds=frozenset(alert.kind for alert in still_open),
            acknowledged_at={alert.kind: acknowledged[alert.kind.value] for alert in alerts if alert not in still_open},
            sessions=tuple(reversed(journal_sessions[-SESSIONS_SHOWN:])),
            sessions_held=len(journal_sessions),
            check_ins=shown if linked.link.share_notes else strip_notes(shown),
            check_ins_held=len(check_ins),
            check_in_signs={
                shown_id: tuple(sign.beside_its_check_in() for sign in signs if sign.check_in_id == shown_id)
                for shown_id in {c.id for c in shown}
                if any(sign.check_in_id == shown_id for sign in signs)
            },
            notes=notes,
            prescriptions=own,
            in_force=prescription if prescription is None or prescription in own else seen_by_another(prescription),
            safety=safety_summary(safety),
            zone=services.zone,
        )

    def _name_of(self, actor: Actor) -> str | None:
        """The asker's name as the audit log keeps it, so the client reads who did what, never "someone"."""
        account = self._store.account(actor.account_id) if isinstance(actor, Practitioner | Client) else None
        return None if account is None else account.name

    def _audited_read(
        self, actor: Actor, linked: LinkedClient, action: Audited, address: str | None, detail: str | None = None
    ) -> None:
        self._audit.record(
            actor,
            action,
            actor_name=self._name_of(actor),
            subject_person_id=linked.client.person_id,
            address=address,
            detail=detail,
        )

    def client_report(
        self, actor: Actor, client_id: int, address: str | None = None
    ) -> tuple[Services, ClinicianReport]:
        """The client's report as their practitioner reads it: naming the client, their notes only if shared; with
        the client's services, which render it."""
        linked = self._linked(actor, client_id, Action.READ_CLIENT)
        self._audited_read(actor, linked, Audited.EXPORT_CLIENT, address, detail="clinician report")
        services = self._client_services(linked)
        report = services.clinician_reports.build(include_notes=linked.link.share_notes, client_name=linked.client.name)
        return services, report

    def client_fhir(
        self, actor: Actor, client_id: int, version: FhirVersion = "R5", address: str | None = None
    ) -> ClientExport:
        linked = self._linked(actor, client_id, Action.READ_CLIENT)
        self._audited_read(actor, linked, Audited.EXPORT_CLIENT, address, detail=f"FHIR {version} bundle")
        # The bundle carries ratings, sessions and PSFS, never the person's own notes.
        text = self._client_services(linked).transfer.export_text("fhir", version, linked.client.name)
        return ClientExport(text, linked.client.name, self._client_today(linked))

    # Changing a client's programme

    def client_today(self, actor: Actor, client_id: int) -> date:
        """Today where the client lives: a prescription's first day unless the practitioner names another."""
        return self._client_today(self._linked(actor, client_id, Action.PRESCRIBE))

    def _client_today(self, linked: LinkedClient) -> date:
        return self._clock().astimezone(self._client_services(linked).zone).date()

    def prescribe(self, actor: Actor, client_id: int, dose: Prescription, address: str | None = None) -> Prescription:
        linked = self._linked(actor, client_id, Action.PRESCRIBE)
        check_prescribed_days(dose, self._client_today(linked))
        prescribed_by = check_name(self._name_of(actor) or "your practitioner")
        assert linked.client.person_id is not None
        saved = self._store.prescribe(
            linked.link.id, linked.client.person_id, replace(dose, prescribed_by=prescribed_by), self._clock()
        )
        self._audit.record(
            actor,
            Audited.PRESCRIBE,
            actor_name=prescribed_by,
            subject_person_id=linked.client.person_id,
            address=address,
            detail=f"version {saved.version}: {saved.summary()}",
        )
        return saved

    def acknowledge(self, actor: Actor, client_id: int, kind: str, address: str | None = None) -> None:
        """Hide an alert until something newer raises it; audited, since a hidden alert is one nobody acts on."""
        try:
            alert_kind = AlertKind(kind)
        except ValueError:
            raise InvalidAlertKind(
                f"unknown alert {quoted(kind)}; one of {', '.join(kind.value for kind in AlertKind)}"
            ) from None
        linked = self._linked(actor, client_id, Action.ACKNOWLEDGE_ALERT)
        # one the client does not have: kept, it would hide the alert if raised by records stored before it
        if all(alert.kind is not alert_kind for alert in self._standing_alerts(linked)):
            raise NotFoundForYou(
                f"{linked.client.name} has no {quoted(alert_kind.value.replace('_', ' '))} alert now; nothing was "
                "acknowledged"
            )
        self._store.acknowledge(linked.link.id, alert_kind, self._clock())
        self._audited_read(actor, linked, Audited.ACKNOWLEDGE_ALERT, address, detail=alert_kind.value)

    def note_session(self, actor: Actor, client_id: int, session_id: int, text: str, address: str | None = None) -> int:
        """A note on a session of the client's, by the practitioner: its id."""
        linked = self._linked(actor, client_id, Action.NOTE_SESSION)
        note = check_note(text, MAX_SESSION_NOTE_CHARACTERS)
        if note is None:
            raise InvalidSessionNote("the note is empty; write a sentence for your client")
        author = self._name_of(actor) or "your practitioner"
        assert linked.client.person_id is not None and isinstance(actor, Practitioner)
        note_id = self._store.add_session_note(
            linked.client.person_id, session_id, actor.account_id, author, note, self._clock()
        )
        if note_id is None:
            raise NotFoundForYou(f"there is no session {session_id} of this client")
        self._audit.record(
            actor, Audited.NOTE_SESSION, actor_name=author, subject_person_id=linked.client.person_id, address=address
        )
        return note_id

    def edit_note(self, actor: Actor, client_id: int, note_id: int, text: str, address: str | None = None) -> None:
        """New words for a note on a session, by its author; the client's crest takes them at its next sync."""
        linked, held = self._note_to_change(actor, client_id, note_id)
        note = check_note(text, MAX_SESSION_NOTE_CHARACTERS)
        if note is None:
            raise InvalidSessionNote("the note is empty; write a sentence for your client, or delete the note")
        assert isinstance(actor, Practitioner)
        author = self._name_of(actor) or "your practitioner"
        self._store.edit_session_note(held.id, actor.account_id, author, note)
        self._audited_read(actor, linked, Audited.EDIT_NOTE, address, detail=f"note {held.id}")

    def delete_note(self, actor: Actor, client_id: int, note_id: int, address: str | None = None) -> int:
        """Delete a note on a session, by its author; gone from the client's crest at its next sync. The session's
        id."""
        linked, held = self._note_to_change(actor, client_id, note_id)
        self._store.delete_session_note(held.id)
        self._audited_read(actor, linked, Audited.DELETE_NOTE, address, detail=f"note {held.id}")
        return held.session_id

    def _note_to_change(self, actor: Actor, client_id: int, note_id: int) -> tuple[LinkedClient, PractitionerNote]:
        """The client's note, when the asker may change it (`PractitionerNote.changeable_by`)."""
        linked = self._linked(actor, client_id, Action.NOTE_SESSION)
        assert linked.client.person_id is not None and isinstance(actor, Practitioner)
        held = self._store.practitioner_note(linked.client.person_id, note_id)
        if held is None:
            raise NotFoundForYou(f"there is no note {note_id} on this client's sessions")
        if not held.changeable_by(actor.account_id):
            raise NotAllowed(f"only {held.author_name}, who wrote this note, can change or delete it")
        return linked, held

    def client_to_end(self, actor: Actor, client_id: int, address: str | None = None) -> ProgrammeToEnd:
        """The client whose programme the practitioner is about to end, as the list of clients shows them (named,
        with the alerts nobody has acknowledged) on the page that asks first; refused as ending is."""
        linked = self._linked(actor, client_id, Action.END_PROGRAMME)
        [summary] = self._summaries([linked])
        self._audit_listed(actor, [summary], address)
        return ProgrammeToEnd(summary, self._followed_by_another(linked))

    def end_programme(self, actor: Actor, client_id: int, address: str | None = None) -> None:
        """The practitioner stops following the client; the client keeps every record."""
        linked = self._linked(actor, client_id, Action.END_PROGRAMME)
        self._store.end_care_link(linked.link.id, self._clock())
        self._audit.record(
            actor,
            Audited.END_PROGRAMME,
            actor_name=self._name_of(actor),
            subject_person_id=linked.client.person_id,
            address=address,
        )

    # The client's side

    def sharing(self, actor: Actor) -> list[SharingView]:
        require(actor, Action.READ_OWN_AUDIT, what="see who follows you")
        assert isinstance(actor, Client)
        return [_sharing_view(one) for one in self._store.practitioners_of(actor.membership_id)]

    def set_sharing(
        self, actor: Actor, link_id: int, shared: bool, share_notes: bool, address: str | None = None
    ) -> SharingView:
        """Agree to share (again), change whether notes are shared, or revoke: the practitioner's next request
        for this client answers 404."""
        link = self._own_link(actor, link_id)
        self._store.set_consent(link.id, self._clock(), granted=shared, share_notes=share_notes and shared)
        assert isinstance(actor, Client)
        what = "shared" + (" with notes" if share_notes and shared else "") if shared else SHARING_REVOKED
        self._audit_consent(actor, what, address)
        return next(view for view in self.sharing(actor) if view.link_id == link.id)

    def _audit_consent(self, actor: Client, what: str, address: str | None) -> None:
        self._audit_own(actor, Audited.CONSENT, address, what)

    def _own_link(self, actor: Actor, link_id: int) -> CareLinkRecord:
        link = self._store.care_link(link_id)
        if link is None:
            require(actor, Action.READ_OWN_AUDIT, what="change what is shared")
            raise NotFoundForYou("there is no such practitioner link")
        require(actor, Action.MANAGE_OWN_CONSENT, link.as_target(), "practitioner link")
        return link

    def own_prescription(self, actor: Actor) -> Prescription | None:
        require(actor, Action.KEEP_OWN_JOURNAL, what="read a prescription")
        assert isinstance(actor, Client)
        return self._services_for(actor.person_id).reports.prescription()

    def own_session_notes(self, actor: Actor) -> list[SyncedSessionNote]:
        """The practitioners' notes on the client's sessions, for their linked crest to keep."""
        require(actor, Action.KEEP_OWN_JOURNAL, what="read the notes on your sessions")
        assert isinstance(actor, Client)
        return self._services_for(actor.person_id).sync.session_notes()

    def receive_sync(
        self,
        actor: Actor,
        device_id: int | None,
        journal_text: str,
        uids: Mapping[RecordKind, Mapping[int, str]],
        deleted: Mapping[RecordKind, Sequence[str]],
        zone_name: str | None = None,
        address: str | None = None,
    ) -> tuple[dict[str, int], int]:
        """A linked crest's batch, stored in the client's own journal; `zone_name`: the crest's time zone, kept so
        that the practice counts the client's days where they live. The records stored per kind, and how many of the
        client's own records the batch deleted (a uid they do not hold deletes nothing, and counts for nothing).
        Audited with what it changed: a client's records arriving is a change to health data."""
        require(actor, Action.KEEP_OWN_JOURNAL, what="sync a journal")
        assert isinstance(actor, Client)
        links = [one.link for one in self._store.practitioners_of(actor.membership_id)]
        live = [link for link in links if link.live]
        # Second guards behind the sending crest's own (an older crest sends regardless): nothing is kept while
        # nobody follows the person, and no notes unless a live link shares them.
        if not live:
            raise NobodyFollows(nobody_follows("", all(link.ended_at is not None for link in links)))
        notes = any(link.share_notes for link in live)
        services = self._services_for(actor.person_id)
        received, deleted_count = services.sync.receive(journal_text, uids, deleted, notes=notes, device=device_id)
        if zone_name is not None:
            services.preferences.keep_home_zone(zone_name)
        if device_id is not None:
            self._store.device_synced(device_id, self._clock())
        stored = ", ".join(f"{count} {kind.replace('_', ' ')}" for kind, count in received.items() if count)
        self._audit_own(
            actor, Audited.SYNC, address, f"device {device_id}: stored {stored or 'nothing'}; deleted {deleted_count}"
        )
        return received, deleted_count

    def held_for_device(self, actor: Actor, device_id: int | None, after: str | None, limit: int) -> HeldPage:
        """The uids of the records this linked computer pushed that the client's journal here still holds: only
        its own (the client's journal, that computer's records), never what the client entered on these pages or
        pushed from another computer, which that crest never had and must not tell deleted. A page of `limit`
        from the cursor `after` (`JournalSync.pushed_by`)."""
        require(actor, Action.KEEP_OWN_JOURNAL, what="list the records your computer sent")
        assert isinstance(actor, Client)
        if device_id is None:  # a browser pushed nothing
            raise NotFoundForYou("this request was not signed by a linked computer")
        return self._services_for(actor.person_id).sync.pushed_by(device_id, after, limit)

    def forget_device(self, actor: Actor, device_id: int | None, address: str | None = None) -> None:
        device = self._signing_device(actor, device_id)
        assert isinstance(actor, Client)
        self._store.revoke_device(device, self._clock())
        self._audit_unlinked(actor, device, address)

    def unlink_device(self, actor: Actor, device_id: int | None, address: str | None = None) -> None:
        """`crest unlink`: stop sharing with everyone who follows the client (each link revoked and audited as on
        My practitioner), then end this computer's token, in one transaction. Never counted: withdrawing must always
        be possible, and it reads nothing and works once (the token is gone after it)."""
        device = self._signing_device(actor, device_id)
        assert isinstance(actor, Client)
        # the links of the client's own membership only: each is theirs to revoke (MANAGE_OWN_CONSENT)
        revoked = self._store.stop_sharing_and_revoke_device(actor.membership_id, device, self._clock())
        for _ in revoked:
            self._audit_consent(actor, SHARING_REVOKED, address)
        self._audit_unlinked(actor, device, address)

    def _signing_device(self, actor: Actor, device_id: int | None) -> int:
        require(actor, Action.KEEP_OWN_JOURNAL, what="unlink a computer")
        if device_id is None:
            raise NotFoundForYou("this request was not signed by a linked computer")
        return device_id

    def _audit_unlinked(self, actor: Client, device_id: int, address: str | None) -> None:
        # A credential ending is a security event, as its start (LINK_DEVICE) is.
        self._audit_own(actor, Audited.UNLINK_DEVICE, address, f"device {device_id}")

    def _audit_own(self, actor: Client, action: Audited, address: str | None, detail: str) -> None:
        """An entry of what a client did to their own records or consent."""
        self._audit.record(
            actor,
            action,
            actor_name=self._name_of(actor),
            subject_person_id=actor.person_id,
            address=address,
            detail=detail,
        )

    def now(self) -> datetime:
        return self._clock()

    @property
    def zone(self) -> tzinfo:
        """The practice's time zone, in which its pages show times."""
        return self._zone

    def today(self) -> date:
        return self._clock().astimezone(self._zone).date()

    def looked_at(self, actor: Actor) -> list[AuditEntry]:
        """Who looked at or changed my data, newest first."""
        require(actor, Action.READ_OWN_AUDIT, what="see who looked at your data")
        assert isinstance(actor, Client)
        return self._audit.looked_at(actor.person_id)


# A practitioner's normal use looks at a client's data dozens of times a day: one line each hid the changes and
# exports among them
_LOOKS = frozenset({Audited.READ_CLIENT, Audited.LIST_CLIENT})


@dataclass(frozen=True)
class Looked:
    """A line of "who looked at my data": one practitioner's looks of a kind on one local day together, any other
    entry (a change, an export) alone."""

    who: str
    what: str
    first: datetime
    last: datetime
    times: int = 1


def looks_by_day(entries: Sequence[AuditEntry], zone: tzinfo) -> list[Looked]:
    """`entries` newest first, into lines newest first; a day's looks stand where the latest of them was."""
    lines: list[Looked] = []
    looks: dict[tuple[date, int | None, str | None, str], int] = {}  # a day's looks of one kind: their line
    for entry in entries:
        who = entry.actor_name or "someone"
        what = Audited(entry.action).label
        if entry.action not in _LOOKS:
            lines.append(Looked(who, what, entry.at, entry.at))
            continue
        key = (entry.at.astimezone(zone).date(), entry.actor_account_id, entry.actor_name, entry.action)
        if key in looks:
            line = lines[looks[key]]
            lines[looks[key]] = replace(line, first=entry.at, times=line.times + 1)
        else:
            looks[key] = len(lines)
            lines.append(Looked(who, what, entry.at, entry.at))
    return lines


class InvalidSessionNote(CrestError):
    pass


def _sharing_view(linked: LinkedPractitioner) -> SharingView:
    link = linked.link
    return SharingView(
        link_id=link.id,
        practitioner=linked.practitioner.name,
        shared=link.live,
        share_notes=link.share_notes,
        ended=link.ended_at is not None,
    )
