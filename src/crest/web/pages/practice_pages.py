"""Practice mode's own pages: the practitioner's clients (sorted by alert), one client (read-only, with the
prescription, alerts and notes), the admin's practice page, a client's "My practitioner" page (prescription, notes,
sharing, who looked at my data) and the account page. Every handler goes through the practice services, which
decide who may see what."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from functools import cache
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from crest.accounts.model import Admin, Client, Enrolling, Practitioner, Role
from crest.accounts.records import MAX_NOTE_CHARACTERS, MAX_SESSION_NOTE_CHARACTERS, InvalidEmail, InvalidPrescription
from crest.accounts.second_factor import grouped, qr_svg
from crest.clock import zone_apart
from crest.counting import counted
from crest.errors import CrestError
from crest.input_problems import input_problems
from crest.insights.alerts import Alert, AlertKind
from crest.insights.progress import adherence_line, psfs_line, trend_line, with_worse_week
from crest.insights.reader import Reader
from crest.interop.ical import Weekday
from crest.journal.capacity import TooManyRecords
from crest.journal.records import InvalidNote
from crest.protocol.model import Protocol
from crest.services.accounts import (
    IssuedInvite,
    IssuedReset,
    OperatorMakesThisLink,
    SignInFailed,
    TooManyAttempts,
    WrongCode,
)
from crest.services.audit import Audited
from crest.services.practice_mode import Caseload, ClientDetail, InvalidSessionNote, Looked, looks_by_day
from crest.web.api.practice import invite_url, reset_url
from crest.web.context import WebContext
from crest.web.notices import (
    SAID,
    Done,
    Notice,
    alert_acknowledged,
    back_with,
    handed_on,
    practitioner_notice,
    sharing_stopped,
    shown_once,
    signed_out_elsewhere,
)
from crest.web.pages.common import PageRecordId, SubmittedForm, page_router, with_wait_said
from crest.web.pages.practice_entry import home_of
from crest.web.practice_door import (
    NEW_INVITE,
    Asked,
    Asker,
    Door,
    PracticeDoor,
    SignInNeeded,
    address_of,
    home_for,
    nav_for,
)
from crest.web.practice_schemas import PrescriptionIn
from crest.web.presenters import friendly_day, friendly_time, session_marks
from crest.web.templating import as_sentence, render

router = page_router()


def _protocol(request: Request) -> Protocol:
    context: WebContext = request.app.state.context
    return context.protocol


def _back(request: Request, name: str, at: str = "", **params: object) -> Response:
    """To the page `name`, opened at the element whose id is `at`, if any."""
    return RedirectResponse(str(request.url_for(name, **params).path) + (f"#{at}" if at else ""), status_code=303)


@router.get("/practice", name="practice_dashboard")
def dashboard(request: Request, asker: Asked, door: Door) -> Response:
    """Confirms an invitation withdrawn or a programme ended (crest.web.notices)."""
    notice = handed_on(request, door, "practice_dashboard")
    said = None if notice is None else SAID[notice.done]
    return shown_once(request, door, _with_new_invite(request, asker, door, _dashboard, notice=said))


@router.post("/practice/invites", name="practice_invite_client")
def invite_client(request: Request, form: SubmittedForm, asker: Asked, door: Door) -> Response:
    return _invite(request, form, asker, door, Role.CLIENT, _dashboard)


def _invite(
    request: Request, form: SubmittedForm, asker: Asker, door: PracticeDoor, role: Role, page: Callable[..., Response]
) -> Response:
    """Post, redirect, get: the browser goes back to the inviter's page, which shows the new link once
    (`_with_new_invite`), so that reloading it makes no second invitation. A mistyped email comes back on `page`,
    still in the field (nothing was made: sending it again makes nothing either)."""
    try:
        issued = door.accounts.invite(asker.actor, role, form.get("email") or None, address_of(request))
    except InvalidEmail as error:
        return page(request, asker, door, 422, invite_error=error.message, email=form.get("email", ""))
    return _to_new_invite(request, asker, door, issued)


def _to_new_invite(request: Request, asker: Asker, door: PracticeDoor, issued: IssuedInvite) -> Response:
    """Back to the inviter's page, handing it the new link to show once."""
    response = RedirectResponse(home_of(request, asker.actor), status_code=303)
    door.hand_on(response, request, NEW_INVITE, issued.code)
    return response


def _with_new_invite(
    request: Request, asker: Asker, door: PracticeDoor, page: Callable[..., Response], **values: Any
) -> Response:
    """The inviter's page, with the link of the invitation this browser just made, if it did: shown on this answer
    only (its hand-off cookie ends here), and only when it is the asker's own and still works."""
    code = door.handed_on(request, NEW_INVITE)
    invite = None if code is None else door.accounts.own_open_invite(asker.actor, code)
    if code is not None and invite is not None:
        values["invite"] = {"url": invite_url(door.base_url(request), code), "expires_at": invite.expires_at}
    response = page(request, asker, door, **values)
    door.end_handed_on(response, request, NEW_INVITE)
    return response


def _dashboard(request: Request, asker: Asker, door: PracticeDoor, status_code: int = 200, **values: Any) -> Response:
    rows = door.practice.clients(asker.actor, address_of(request))
    now = door.practice.now()

    named = cache(lambda zone: zone_apart(zone, door.practice.zone, now))  # once a zone, not once a row

    def when(moment: datetime | None, zone: tzinfo) -> str:
        """In the client's zone, named where its clock is not the practice's: a last session at 21:00 in Kiritimati
        is not later today in London."""
        if moment is None:
            return "never"
        shown, apart = friendly_time(moment, zone, now), named(zone)
        return shown if apart is None else f"{shown} (their time, {apart})"

    return render(
        request,
        "practice_dashboard.html",
        status_code,
        active="practice_dashboard",
        title="Clients",
        rows=rows,
        waiting_invites=door.accounts.waiting_invites(asker.actor),
        # each row in its client's zone: the last session of an evening in Los Angeles is not "Thu 02:00"
        when=when,
        reader=Reader.CLINICIAN,
        **values,
    )


@router.get("/practice/invites/{invite_id}/withdraw", name="practice_withdraw_invite_confirm")
def withdraw_invite_confirm(request: Request, invite_id: PageRecordId, asker: Asked, door: Door) -> Response:
    """Withdrawing an invitation asks first, naming whose: a slip of the finger on the wrong row must not stop a
    client's link (only whoever made it finds it: anyone else, or one no longer open, 404)."""
    waiting = door.accounts.invite_to_withdraw(asker.actor, invite_id)
    invite = waiting.invite
    whose = invite.email or "anyone with the link"
    home = home_of(request, asker.actor)
    made = f"The link made on {invite.created_at:%d %b %Y} for {whose}"
    return _confirm(
        request,
        active="practice_admin" if isinstance(asker.actor, Admin) else "practice_dashboard",
        title=f"Withdraw the invitation for {whose}?",
        consequence=f"{made} expired on {invite.expires_at:%d %b %Y} without being used: withdrawn, it leaves your "
        "list. To invite them again, send a new one instead."
        if waiting.expired
        else f"{made} stops working at once: whoever opens it is told it no longer works. To invite them again, "
        "make a new link.",
        action=request.url_for("practice_withdraw_invite", invite_id=invite_id).path,
        button="Withdraw the invitation",
        cancel=home,
    )


@router.post("/practice/invites/{invite_id}/withdraw", name="practice_withdraw_invite")
def withdraw_invite(request: Request, invite_id: PageRecordId, asker: Asked, door: Door) -> Response:
    door.accounts.withdraw_invite(asker.actor, invite_id, address_of(request))
    admin = isinstance(asker.actor, Admin)
    return back_with(request, door, Done.PRACTITIONER_INVITE_WITHDRAWN if admin else Done.CLIENT_INVITE_WITHDRAWN)


@router.post("/practice/invites/{invite_id}/renew", name="practice_renew_invite")
def renew_invite(request: Request, invite_id: PageRecordId, asker: Asked, door: Door) -> Response:
    """A new link for an invitation that ran out, in its place; shown once on the inviter's page, as a new one
    (post, redirect, get)."""
    return _to_new_invite(request, asker, door, door.accounts.renew_invite(asker.actor, invite_id, address_of(request)))


@router.get("/practice/clients/{client_id}", name="practice_client")
def client_page(request: Request, client_id: PageRecordId, asker: Asked, door: Door) -> Response:
    """Confirms an alert just acknowledged (crest.web.notices)."""
    notice = handed_on(request, door, "practice_client")
    return shown_once(request, door, _client_view(request, client_id, asker, door, acknowledged=notice))


def _client_view(
    request: Request,
    client_id: int,
    asker: Asker,
    door: PracticeDoor,
    error: str | None = None,
    typed: dict[str, str] | None = None,
    note_error: tuple[int, str, str] | None = None,
    edit_error: tuple[int, str, str] | None = None,
    refused: list[str] | None = None,
    acknowledged: Notice | None = None,
) -> Response:
    """`error` and `typed` (the prescription form as it was sent) show a refused prescription with what was typed,
    beside the form, the fields it names (`refused`) marked;
    `note_error` (the session, what is wrong, what was typed) a refused note under its session's form, and
    `edit_error` (the note, what is wrong, what was typed) a refused edit of a note under it. Never parameters of
    the page's address: a link would put its own words on crest's page. `acknowledged`: an alert just acknowledged
    (crest.web.notices), said at the top of the alerts."""
    detail = door.practice.client_detail(asker.actor, client_id, address_of(request))
    now = door.practice.now()
    summary = detail.summary
    current = detail.prescriptions[0] if detail.prescriptions else None
    today = now.astimezone(detail.zone).date()  # the client's: a new programme's first day
    # A new version (a note, an end, a new dose) keeps the programme's start: adherence and the report count from it.
    ongoing = current is not None and (current.end_on is None or current.end_on >= today)
    return render(
        request,
        "practice_client.html",
        422 if error or note_error or edit_error else 200,
        active="practice_dashboard",
        title=detail.name,
        detail=detail,
        lines=[with_worse_week(trend_line(trend, Reader.CLINICIAN), trend) for trend in summary.trends]
        + [adherence_line(summary.adherence, Reader.CLINICIAN), psfs_line(summary.psfs, Reader.CLINICIAN)],
        current=current,
        today=today.isoformat(),
        form_start=(current.start_on if current is not None and ongoing else today).isoformat(),
        weekdays=list(Weekday),
        when=lambda moment: friendly_time(moment, detail.zone, now),
        since=lambda alert: _alert_since(alert, detail.zone, now),
        # said once, where the practitioner's own zone would otherwise be assumed
        zone_name=zone_apart(detail.zone, door.practice.zone, now),
        variants={name: variant.title for name, variant in _protocol(request).variants.items()},
        marks=session_marks,
        error=error,
        typed=typed or {},
        refused_fields=refused or [],
        note_error=note_error,
        edit_error=edit_error,
        # the notes this practitioner may edit or delete (their own)
        may_change=lambda note: isinstance(asker.actor, Practitioner) and note.changeable_by(asker.actor.account_id),
        # the boxes take what the server keeps: a prescription's note, and a note on a session
        max_prescription_note=MAX_NOTE_CHARACTERS,
        max_session_note=MAX_SESSION_NOTE_CHARACTERS,
        acknowledged=None if acknowledged is None else _acknowledged_words(acknowledged, client_id, detail),
    )


def _alert_since(alert: Alert, zone: tzinfo, now: datetime) -> str:
    """Since when an alert stands, in words read at a glance: "yesterday 18:20", or for an alert raised by a day
    (`Alert.day`) the day alone, "yesterday", "Mon 4 May"."""
    if alert.day is not None:
        return friendly_day(alert.day, now.astimezone(zone).date())
    return friendly_time(alert.since, zone, now)


def _acknowledged_words(notice: Notice, client_id: int, detail: ClientDetail) -> str | None:
    """Said only on the page of the client it was acknowledged for, and only while that alert stands acknowledged
    (raised again since, it is open again: nothing is said)."""
    kinds, index = list(AlertKind), notice.number(1)
    kind = kinds[index] if notice.number(0) == client_id and index is not None and index < len(kinds) else None
    alert = next((one for one in detail.alerts if one.kind == kind and kind not in detail.open_kinds), None)
    # its words without its signs: the page lists them just below, each an item
    return None if alert is None else alert_acknowledged(detail.name, alert.said[0].words)


@router.post("/practice/clients/{client_id}/prescriptions", name="practice_prescribe")
def prescribe(request: Request, client_id: PageRecordId, form: SubmittedForm, asker: Asked, door: Door) -> Response:
    fields = _prescription_fields(form)
    if all(value is None for value in fields.values()):  # crest's defaults would replace the version in force
        return _client_view(request, client_id, asker, door, error=NOTHING_PRESCRIBED, typed=form, refused=[])
    try:
        dose = PrescriptionIn.model_validate(fields)
        today = door.practice.client_today(asker.actor, client_id)
        door.practice.prescribe(asker.actor, client_id, dose.to_record(today), address_of(request))
    except ValidationError as problem:
        problems = input_problems(problem.errors())
        message = " ".join(one.sentence for one in problems)
        refused = [one.field for one in problems]
        return _client_view(request, client_id, asker, door, error=message, typed=form, refused=refused)
    except InvalidPrescription as problem:  # fields that only disagree together, like an end before the start
        message = as_sentence(problem.message)
        return _client_view(request, client_id, asker, door, error=message, typed=form, refused=list(problem.fields))
    # on the version just saved (focused: a screen reader says it), not at the page's top, three screens above it
    return _back(request, "practice_client", "prescription-now", client_id=client_id)


# The page's form always sends its fields, filled in: one that gives none was not sent by it.
NOTHING_PRESCRIBED = (
    "The prescription form came with nothing filled in, so nothing was saved; fill it in and save it again."
)


def _prescription_fields(form: dict[str, str]) -> dict[str, object]:
    """The prescription form as the API takes it: its day tick boxes (day_mon, ...) as the list of days, none
    ticked as no days chosen; an empty field as one left out."""
    ticked = [day.value for day in Weekday if form.get(f"day_{day.value}") == "on"]
    boxes = {f"day_{day.value}" for day in Weekday}
    fields: dict[str, object] = {key: value or None for key, value in form.items() if key not in boxes}
    return fields | ({"days": ticked} if ticked else {})


@router.get("/practice/clients/{client_id}/alerts/{kind}/acknowledge", name="practice_acknowledge_confirm")
def acknowledge_confirm(request: Request, client_id: PageRecordId, kind: str, asker: Asked, door: Door) -> Response:
    """A critical alert is acknowledged after a page that asks first: a slip of the finger must not take a warning
    sign off the top of the list of clients. An alert that is not open (acknowledged since): back to the client."""
    detail = door.practice.client_detail(asker.actor, client_id, address_of(request))
    alert = next((one for one in detail.alerts if one.kind.value == kind and one.kind in detail.open_kinds), None)
    if alert is None:
        return _back(request, "practice_client", client_id=client_id)
    return _confirm(
        request,
        active="practice_dashboard",
        title=f"Acknowledge {detail.name}'s {alert.level.label} alert?",
        alert=alert,
        consequence=f"Acknowledged, it leaves the top of your list of "
        f"clients, where {detail.name}'s row still names it as acknowledged while it stands, and shows here as "
        f"acknowledged by you, until something newer raises it again. Acknowledge it once you have acted on it.",
        action=request.url_for("practice_acknowledge", client_id=client_id, kind=kind).path,
        button="Acknowledge the alert",
        cancel=request.url_for("practice_client", client_id=client_id).path,
    )


@router.post("/practice/clients/{client_id}/alerts/{kind}/acknowledge", name="practice_acknowledge")
def acknowledge(request: Request, client_id: PageRecordId, kind: str, asker: Asked, door: Door) -> Response:
    door.practice.acknowledge(asker.actor, client_id, kind, address_of(request))
    # the kind by its place among the kinds: what is handed on is numbers only
    known = list(AlertKind).index(AlertKind(kind))
    return back_with(request, door, Done.ALERT_ACKNOWLEDGED, client_id, known, client_id=client_id)


@router.post("/practice/clients/{client_id}/sessions/{session_id}/notes", name="practice_note")
def note(
    request: Request, client_id: PageRecordId, session_id: PageRecordId, form: SubmittedForm, asker: Asked, door: Door
) -> Response:
    text = form.get("text", "")
    try:
        note_id = door.practice.note_session(asker.actor, client_id, session_id, text, address_of(request))
    # empty, too long, not plain text, one too many: the page again, what was typed kept
    except (InvalidSessionNote, InvalidNote, TooManyRecords) as problem:
        return _client_view(
            request, client_id, asker, door, note_error=(session_id, as_sentence(problem.message), text)
        )
    # back where the practitioner was, on the note just kept (focused: a screen reader says it), not at the top
    return _back(request, "practice_client", f"session-note-{note_id}", client_id=client_id)


@router.post("/practice/clients/{client_id}/notes/{note_id}", name="practice_edit_note")
def edit_note(
    request: Request, client_id: PageRecordId, note_id: PageRecordId, form: SubmittedForm, asker: Asked, door: Door
) -> Response:
    text = form.get("text", "")
    try:
        door.practice.edit_note(asker.actor, client_id, note_id, text, address_of(request))
    except (InvalidSessionNote, InvalidNote) as problem:  # the page again, the edit open with what was typed
        return _client_view(request, client_id, asker, door, edit_error=(note_id, as_sentence(problem.message), text))
    return _back(request, "practice_client", f"session-note-{note_id}", client_id=client_id)


@router.post("/practice/clients/{client_id}/notes/{note_id}/delete", name="practice_delete_note")
def delete_note(request: Request, client_id: PageRecordId, note_id: PageRecordId, asker: Asked, door: Door) -> Response:
    session_id = door.practice.delete_note(asker.actor, client_id, note_id, address_of(request))
    return _back(request, "practice_client", f"note-{session_id}", client_id=client_id)  # its session's note field


@router.get("/practice/clients/{client_id}/end", name="practice_end_confirm")
def end_confirm(request: Request, client_id: PageRecordId, asker: Asked, door: Door) -> Response:
    """Ending a programme asks first, on a page of its own: a slip of the finger must not end one."""
    ending = door.practice.client_to_end(asker.actor, client_id, address_of(request))
    client = ending.client
    still_seen = (
        f"Another practitioner here follows {client.name} too and keeps seeing these alerts."
        if ending.followed_by_others
        else "Once the programme ends, nobody here sees them."
    )
    return _confirm(
        request,
        active="practice_dashboard",
        title=f"End {client.name}'s programme?",
        consequence=f"You stop following {client.name} now: they leave your list of clients and you see nothing of "
        f"theirs from then on. Every record stays {client.name}'s.",
        affected=f"{counted(len(client.alerts), 'alert')} nobody has acknowledged:" if client.alerts else None,
        affected_alerts=client.alerts,
        affected_after=still_seen,
        # The last chance to keep what the practitioner followed: after the end they see nothing of the client's.
        keep_first={
            "href": request.url_for("client_report", client_id=client_id).path,
            "text": "Download the final report (PDF) first",
        },
        action=request.url_for("practice_end", client_id=client_id).path,
        button="End the programme",
        cancel=request.url_for("practice_client", client_id=client_id).path,
    )


@router.post("/practice/clients/{client_id}/end", name="practice_end")
def end(request: Request, client_id: PageRecordId, asker: Asked, door: Door) -> Response:
    door.practice.end_programme(asker.actor, client_id, address_of(request))
    return back_with(request, door, Done.PROGRAMME_ENDED)


@router.get("/practice/admin", name="practice_admin")
def admin_page(request: Request, asker: Asked, door: Door) -> Response:
    """Confirms signing a practitioner out or resetting their two-step sign-in, named, and a removal
    (crest.web.notices)."""
    notice = handed_on(request, door, "practice_admin")
    return shown_once(request, door, _with_new_invite(request, asker, door, _admin_view, handed=notice))


@router.post("/practice/admin/invites", name="practice_invite_practitioner")
def invite_practitioner(request: Request, form: SubmittedForm, asker: Asked, door: Door) -> Response:
    return _invite(request, form, asker, door, Role.PRACTITIONER, _admin_view)


def _admin_view(
    request: Request,
    asker: Asker,
    door: PracticeDoor,
    status_code: int = 200,
    handed: Notice | None = None,
    **values: Any,
) -> Response:
    practitioners = door.accounts.practitioners(asker.actor)
    if handed is not None and handed.done in SAID:
        values["notice"] = SAID[handed.done]
    elif handed is not None:
        name = door.accounts.practitioner_name(asker.actor, handed.number(0))
        values["notice"] = None if name is None else practitioner_notice(handed, name)
    return render(
        request,
        "practice_admin.html",
        status_code,
        active="practice_admin",
        title="Practice",
        practice=door.accounts.practice_name(asker.actor),
        waiting_invites=door.accounts.waiting_invites(asker.actor),
        practitioners=practitioners,
        with_two_step=door.accounts.practitioners_with_second_factor(asker.actor),
        **values,
    )


@router.post("/practice/admin/practitioners/{membership_id}/reset-link", name="practice_reset_practitioner")
def reset_link_for_practitioner(request: Request, membership_id: PageRecordId, asker: Asked, door: Door) -> Response:
    try:
        issued = door.accounts.reset_link_for_practitioner(asker.actor, membership_id, address_of(request))
    except OperatorMakesThisLink as refused:
        return _admin_view(request, asker, door, 409, reset_error=refused.message)
    return _reset_link_page(request, door, issued, request.url_for("practice_admin").path, "Back to your practice")


def _reset_link_page(request: Request, door: PracticeDoor, issued: IssuedReset, back_url: str, back: str) -> Response:
    """The link, shown once to whoever made it, with how to hand it on."""
    return render(
        request,
        "practice_reset_link.html",
        201,
        title=f"A password link for {issued.name}",
        name=issued.name,
        email=issued.email,
        link={"url": reset_url(door.base_url(request), issued.code), "expires_at": issued.expires_at},
        when=lambda moment: friendly_time(moment, door.practice.zone, door.practice.now()),
        back_url=back_url,
        back_label=back,
    )


@router.get("/practice/admin/practitioners/{membership_id}/remove", name="practice_remove_confirm")
def remove_confirm(request: Request, membership_id: PageRecordId, asker: Asked, door: Door) -> Response:
    """Removing a practitioner asks first, on a page of its own: a slip of the finger must not remove a colleague."""
    practitioner = door.accounts.practitioner_to_remove(asker.actor, membership_id)
    caseload = door.practice.caseload(asker.actor, membership_id)
    return _confirm(
        request,
        active="practice_admin",
        title=f"Remove {practitioner.name}?",
        consequence=f"{practitioner.name} ({practitioner.email}) leaves {door.accounts.practice_name(asker.actor)}: "
        "they are signed out at once, everywhere, the invitations they sent stop working, and they follow no client "
        "from then on. Their clients keep every record. To work here again, they need a new invitation.",
        affected=_caseload_words(practitioner.name, caseload),
        affected_waiting=caseload.with_open_alerts > 0,
        action=request.url_for("practice_remove", membership_id=membership_id).path,
        button=f"Remove {practitioner.name}",
        cancel=request.url_for("practice_admin").path,
    )


@router.get("/practice/admin/practitioners/{membership_id}/sign-out", name="practice_sign_out_confirm")
def sign_out_confirm(request: Request, membership_id: PageRecordId, asker: Asked, door: Door) -> Response:
    """Signing a practitioner out everywhere asks first, naming them: it interrupts whatever they are doing."""
    practitioner = door.accounts.practitioner_to_sign_out(asker.actor, membership_id)
    return _confirm(
        request,
        active="practice_admin",
        title=f"Sign {practitioner.name} out everywhere?",
        consequence=f"{practitioner.name} ({practitioner.email}) is signed out at once on every computer and phone "
        f"where they are signed in now, as when a laptop is lost or stolen. They stay in "
        f"{door.accounts.practice_name(asker.actor)} with their clients, and sign in again with their password; "
        "if it may be known too, make them a password link as well.",
        action=request.url_for("practice_sign_out", membership_id=membership_id).path,
        button=f"Sign {practitioner.name} out everywhere",
        cancel=request.url_for("practice_admin").path,
    )


@router.post("/practice/admin/practitioners/{membership_id}/sign-out", name="practice_sign_out")
def sign_out_practitioner(request: Request, membership_id: PageRecordId, asker: Asked, door: Door) -> Response:
    ended = door.accounts.end_practitioner_sign_ins(asker.actor, membership_id, address_of(request))
    return back_with(request, door, Done.PRACTITIONER_SIGNED_OUT, membership_id, ended)


@router.get("/practice/admin/practitioners/{membership_id}/two-factor/reset", name="practice_reset_two_factor_confirm")
def reset_two_factor_confirm(request: Request, membership_id: PageRecordId, asker: Asked, door: Door) -> Response:
    """Resetting a practitioner's two-step sign-in asks first, naming them, with the admin's own password and code:
    it signs them out everywhere and takes away their second factor."""
    return _reset_two_factor_form(request, asker, door, membership_id)


@router.post("/practice/admin/practitioners/{membership_id}/two-factor/reset", name="practice_reset_two_factor")
def reset_two_factor(
    request: Request, membership_id: PageRecordId, form: SubmittedForm, asker: Asked, door: Door
) -> Response:
    """A wrong password or code shows the page again (they count and back off as at sign-in); a refusal of who
    asks (401, 403, 404) answers as everywhere else."""
    try:
        renewed = door.accounts.reset_practitioner_second_factor(
            asker.actor, asker.token, membership_id, form.get("password", ""), form.get("code", ""), address_of(request)
        )
    except (SignInFailed, WrongCode, TooManyAttempts) as error:
        response = _reset_two_factor_form(request, asker, door, membership_id, error.http_status, error.message)
        return with_wait_said(response, error)
    response = back_with(request, door, Done.PRACTITIONER_TWO_FACTOR_RESET, membership_id)
    door.keep_signed_in(response, request, renewed)
    return response


def _reset_two_factor_form(
    request: Request,
    asker: Asker,
    door: PracticeDoor,
    membership_id: int,
    status_code: int = 200,
    error: str | None = None,
) -> Response:
    practitioner = door.accounts.practitioner_to_reset(asker.actor, membership_id)
    return _confirm(
        request,
        status_code,
        active="practice_admin",
        title=f"Reset {practitioner.name}'s two-step sign-in?",
        consequence=f"For a lost phone and lost recovery codes: {practitioner.name} ({practitioner.email}) is signed "
        "out everywhere at once, their authenticator app and recovery codes stop working, and at their next "
        "sign-in, with their password, they are told you reset it and set up a new app before anything else. Do "
        "this only when you know it is them asking: in person, or on the phone with a voice you know.",
        action=request.url_for("practice_reset_two_factor", membership_id=membership_id).path,
        button=f"Reset {practitioner.name}'s two-step sign-in",
        cancel=request.url_for("practice_admin").path,
        reauthenticate="To confirm it is you, your own password and a code from your own authenticator app.",
        error=error,
    )


def _caseload_words(name: str, caseload: Caseload) -> str:
    """Who a removal leaves unfollowed, in numbers (the admin reads no client's data): a client another
    practitioner here follows too stays followed."""
    if not caseload.clients:
        return f"{name} follows no client now."
    alone = caseload.clients - caseload.followed_by_others
    if not caseload.followed_by_others:
        return _left_unfollowed(name, f"{name} follows {counted(alone, 'client')}", alone, caseload)
    if alone:
        whom = f"{caseload.followed_by_others} of them"
    else:
        whom = "each of them" if caseload.clients > 1 else "this client"
    shared = (
        f"{name} follows {counted(caseload.clients, 'client')}; another practitioner here follows {whom} too, and "
        "keeps seeing their records and alerts."
    )
    if not alone:
        return shared
    others = "the other client" if alone == 1 else f"the other {alone} clients"
    return f"{shared} {_left_unfollowed(name, f'{name} alone follows {others}', alone, caseload)}"


def _left_unfollowed(name: str, following: str, alone: int, caseload: Caseload) -> str:
    """'Pat follows 3 clients, none with an alert waiting. Once removed, nobody here follows them: ...'."""
    waiting, critical = caseload.with_open_alerts, caseload.with_critical_alerts
    if not waiting:
        alerts = ", none with an alert waiting"
    elif alone == 1:
        alerts = ", who has an alert nobody has acknowledged"
    else:
        alerts = f"; {waiting} {'has' if waiting == 1 else 'have'} an alert nobody has acknowledged"
    if critical:
        why = "severe pain, a red flag or a warning sign"
        alerts += f" (critical: {why})" if critical == waiting else f", {critical} of them critical ({why})"
    hand_on = f" or sees those alerts: ask {name} to hand them on first;" if waiting else ":"
    return (
        f"{following}{alerts}. Once removed, nobody here follows {'them' if alone > 1 else 'this client'}{hand_on} a "
        "colleague can invite each client again to follow them."
    )


def _confirm(request: Request, status_code: int = 200, **values: Any) -> Response:
    """The page that asks before something that cannot be undone: what it does, the button, and Cancel (with
    `reauthenticate`, the asker's own password and code first; with `keep_first`, a link to keep something before)."""
    return render(request, "practice_confirm.html", status_code, **values)


@router.post("/practice/admin/practitioners/{membership_id}/remove", name="practice_remove")
def remove(request: Request, membership_id: PageRecordId, asker: Asked, door: Door) -> Response:
    door.accounts.remove_practitioner(asker.actor, membership_id, address_of(request))
    return back_with(request, door, Done.PRACTITIONER_REMOVED, membership_id)


@router.get("/sharing", name="sharing_page")
def sharing_page(request: Request, asker: Asked, door: Door) -> Response:
    """A client's page about their practitioner: the prescription, notes on sessions, what is shared, who looked;
    it confirms the last change (crest.web.notices): a stop only while that link's sharing is indeed off."""
    links = door.practice.sharing(asker.actor)
    notice = handed_on(request, door, "sharing_page")
    said = "Saved." if notice is not None and notice.done == Done.SHARING_SAVED else None
    if notice is not None and notice.done == Done.SHARING_STOPPED:
        stopped = [link.practitioner for link in links if link.link_id == notice.number(0) and not link.shared]
        # Said only if nothing is still shared with them (a link made twice by an older crest may remain).
        still = stopped and any(link.shared for link in links if link.practitioner == stopped[0])
        said = sharing_stopped(stopped[0]) if stopped and not still else None
    assert isinstance(asker.actor, Client)
    services = door.services_for(asker.actor.person_id)
    now = door.practice.now()
    sessions = {session.id: session for session in services.practice.list_sessions()}
    notes = [
        (sessions[session_id].started_at, note)
        for session_id, session_notes in services.reports.session_notes().items()
        for note in session_notes
        if session_id in sessions
    ]
    response = render(
        request,
        "practice_sharing.html",
        active="sharing_page",
        title="My practitioner",
        links=links,
        prescription=services.reports.prescription(),
        notes=sorted(notes, key=lambda pair: pair[1].created_at, reverse=True),
        looked=[
            _looked_line(line, services.zone, now)
            for line in looks_by_day(door.practice.looked_at(asker.actor), services.zone)
        ],
        when=lambda moment: friendly_time(moment, services.zone, now),
        notice=said,
    )
    return shown_once(request, door, response)


def _looked_line(line: Looked, zone: tzinfo, now: datetime) -> str:
    """'today 09:02: Ada looked at your data', or a day's looks 'today 09:02 to 09:31: Ada looked at your data 14
    times'."""
    started = friendly_time(line.first, zone, now)
    ended = line.last.astimezone(zone).strftime("%H:%M")
    span = started if started.endswith(ended) else f"{started} to {ended}"  # all in one minute: that minute
    return f"{span}: {line.who} {line.what}" + ("" if line.times == 1 else f" {line.times} times")


@router.post("/sharing/{link_id}", name="sharing_change")
def change_sharing(request: Request, link_id: PageRecordId, form: SubmittedForm, asker: Asked, door: Door) -> Response:
    view = door.practice.set_sharing(
        asker.actor, link_id, form.get("shared") == "on", form.get("share_notes") == "on", address_of(request)
    )
    if view.shared:
        return back_with(request, door, Done.SHARING_SAVED)
    return back_with(request, door, Done.SHARING_STOPPED, link_id)


@router.get("/account", name="account_page")
def account_page(request: Request, asker: Asked, door: Door) -> Response:
    """Confirms the last change (crest.web.notices), beside the form that made it."""
    if asker.account is None:
        raise SignInNeeded("please sign in first")
    notice = handed_on(request, door, "account_page")
    if notice is None:
        return shown_once(request, door, _account_view(request, asker, door))
    said = _account_notice(notice)
    return shown_once(request, door, _account_view(request, asker, door, done=notice.done, notice=said))


def _account_notice(notice: Notice) -> str:
    if notice.done == Done.SIGNED_OUT_ELSEWHERE:
        return signed_out_elsewhere(notice)
    if notice.done == Done.PASSWORD_SET:  # a password link ends every other sign-in and linked computer
        return (
            "Your new password is set. Every other sign-in of this account has ended, and any computer linked to it "
            "with crest link is unlinked (crest link links it again)."
        )
    return "Your password is changed."


@router.post("/account/sessions/end-others", name="account_end_sign_ins")
def end_other_sign_ins(request: Request, form: SubmittedForm, asker: Asked, door: Door) -> Response:
    try:
        ended = door.accounts.end_other_sign_ins(
            asker.actor, asker.token, form.get("password", ""), address_of(request)
        )
    except CrestError as error:
        if asker.account is None:
            raise
        return _account_refused(request, asker, door, error, sign_ins_error=error.message)
    response = back_with(request, door, Done.SIGNED_OUT_ELSEWHERE, ended.sign_ins, ended.computers)
    door.keep_signed_in(response, request, ended.token)
    return response


@router.post("/account/password", name="account_password")
def change_password(request: Request, form: SubmittedForm, asker: Asked, door: Door) -> Response:
    try:
        renewed = door.accounts.change_password(
            asker.actor,
            asker.token,
            form.get("current_password", ""),
            form.get("new_password", ""),
            address_of(request),
        )
    except CrestError as error:
        if asker.account is None:
            raise
        return _account_refused(request, asker, door, error, password_error=error.message)
    response = back_with(request, door, Done.PASSWORD_CHANGED)
    door.keep_signed_in(response, request, renewed)
    return response


def _account_view(
    request: Request, asker: Asker, door: PracticeDoor, status_code: int = 200, **values: Any
) -> Response:
    """Times read where the person lives: a client's own zone (as on My practitioner), else the practice's."""
    zone = door.services_for(asker.actor.person_id).zone if isinstance(asker.actor, Client) else door.practice.zone
    return render(
        request,
        "practice_account.html",
        status_code,
        active="account_page",
        title="Account",
        account=asker.account,
        practice=door.accounts.practice_name(asker.actor),
        removed_from=door.accounts.removed_from(asker.actor),
        activity=[
            (entry.at, Audited(entry.action).done_as(entry.outcome), entry.outcome, entry.address)
            for entry in door.accounts.own_activity(asker.actor)
        ],
        sign_ins=door.accounts.open_sign_ins(asker.actor, asker.token),
        two_factor=door.accounts.second_factor_state(asker.actor),
        keeps_a_journal=isinstance(asker.actor, Client),  # a practitioner's or an admin's account keeps none
        when=lambda moment: friendly_time(moment, zone, door.practice.now()),
        **values,
    )


def _account_refused(
    request: Request, asker: Asker, door: PracticeDoor, refused: CrestError, **values: Any
) -> Response:
    """The Account page again with what went wrong; wrong passwords backing off say how long to wait."""
    return with_wait_said(_account_view(request, asker, door, refused.http_status, **values), refused)


@router.post("/account/delete", name="account_delete")
def delete_account(request: Request, form: SubmittedForm, asker: Asked, door: Door) -> Response:
    try:
        door.accounts.delete_account(asker.actor, form.get("password", ""), address_of(request))
    except CrestError as error:
        if asker.account is None:
            raise
        return _account_refused(request, asker, door, error, error=error.message)
    response = _back(request, "login_page")
    door.clear_cookie(response, request)
    return response


@router.get("/account/two-factor", name="account_two_factor")
def two_factor_page(request: Request, asker: Asked, door: Door) -> Response:
    """Two-step sign-in: set up an authenticator app (its QR code and its secret, then a first code), or see that
    it is on and turn it off; confirms it was just turned off (crest.web.notices)."""
    if asker.account is None:
        raise SignInNeeded("please sign in first")
    turned_off = handed_on(request, door, "account_two_factor") is not None
    notice = "Two-step sign-in is off." if turned_off else None
    return shown_once(request, door, _two_factor_view(request, asker, door, notice=notice))


@router.post("/account/two-factor/start", name="account_two_factor_start")
def two_factor_start(request: Request, asker: Asked, door: Door) -> Response:
    door.accounts.begin_second_factor(asker.actor)
    return _back(request, "account_two_factor")


@router.post("/account/two-factor/confirm", name="account_two_factor_confirm")
def two_factor_confirm(request: Request, form: SubmittedForm, asker: Asked, door: Door) -> Response:
    """The first code turns it on; the recovery codes are shown on this answer only (never again)."""
    try:
        turned_on = door.accounts.confirm_second_factor(
            asker.actor, asker.token, form.get("password", ""), form.get("code", ""), address_of(request)
        )
    except CrestError as error:
        if asker.account is None:
            raise
        return _two_factor_view(request, asker, door, error.http_status, confirm_error=error.message)
    asker = Asker(door.accounts.actor_of(asker.account), asker.account, turned_on.token, asker.device_id)
    request.state.asker = asker  # now who they are: their own navigation from this page on
    request.state.nav_items, request.state.home = nav_for(asker.actor), home_for(asker.actor)
    response = _two_factor_view(request, asker, door, recovery_codes=turned_on.recovery_codes)
    door.keep_signed_in(response, request, turned_on.token)
    return response


@router.post("/account/two-factor/turn-off", name="account_two_factor_off")
def two_factor_off(request: Request, form: SubmittedForm, asker: Asked, door: Door) -> Response:
    try:
        renewed = door.accounts.turn_off_second_factor(
            asker.actor, asker.token, form.get("password", ""), form.get("code", ""), address_of(request)
        )
    except CrestError as error:
        if asker.account is None:
            raise
        return with_wait_said(_two_factor_view(request, asker, door, error.http_status, off_error=error.message), error)
    response = back_with(request, door, Done.TWO_FACTOR_OFF)
    door.keep_signed_in(response, request, renewed)
    return response


def _two_factor_view(
    request: Request, asker: Asker, door: PracticeDoor, status_code: int = 200, **values: Any
) -> Response:
    state = door.accounts.second_factor_state(asker.actor)
    uri = state.setting_up_uri
    return render(
        request,
        "practice_two_factor.html",
        status_code,
        active="account_page" if not isinstance(asker.actor, Enrolling) else "account_two_factor",
        title="Two-step sign-in",
        state=state,
        enrolling=isinstance(asker.actor, Enrolling),
        qr=None if uri is None else qr_svg(uri, "QR code for your authenticator app"),
        secret=None if state.setting_up is None else grouped(state.setting_up),
        when=lambda moment: friendly_time(moment, door.practice.zone, door.practice.now()),
        **values,
    )
