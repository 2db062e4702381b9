"""The guided session in the browser: checklist, optional camera check, timer; and correcting a finished one."""

import re
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Query, Request
from fastapi.responses import RedirectResponse, Response

from crest.breath.words import state_labels
from crest.durations import rested_text
from crest.errors import CrestError
from crest.insights.practice import DEMO_ENDED
from crest.journal.plausibility import most_rested_s
from crest.journal.records import (
    MAX_PLANNED_MINUTES,
    MAX_RECORD_ID,
    MIN_PLANNED_MINUTES,
    InvalidDuration,
    PracticeSession,
    SessionEdit,
    check_finished_status,
    require_finished,
)
from crest.journal.vocabulary import SessionStatus, labels
from crest.knowledge.why_links import PROTOCOL_TEXTS, setup_step_entry
from crest.posture.vocabulary import page_labels
from crest.protocol.model import SIDE_LYING_VARIANT, VariantName
from crest.safety.worse_check_in import STOP_SOURCE, SUPPORTED_VARIANT, WorseAdvice, worse_today_reminder
from crest.services.fingerprints import fingerprint
from crest.services.safety import STOPPED_BY_A_SIGN, STOPPED_FOR_THE_SIDE
from crest.session.timeline import TIME_UP, build_timeline, check_minutes, check_variant, usual_range_note
from crest.sound import CHIME_VOLUMES
from crest.web.context import WebContext
from crest.web.form_words import refusal
from crest.web.help_links import help_link
from crest.web.pages.common import Context, SubmittedForm, page_router
from crest.web.pages.journal import FromJournalPage, journal_address
from crest.web.pages.today import usual_dose
from crest.web.presenters import friendly_time, note_lines
from crest.web.schemas import SessionOut
from crest.web.templating import render

router = page_router()
# What the page says once the rest is over; {rested} is the time as crest writes it ("14 min 30 s"). A rest ended
# within its first minute is told so plainly: praise for "0 s" would ring false.
SHORT_REST_S = 60
DONE_WORDS = {
    "heading": "Well done",
    "completed": "You rested for {rested}.",
    "ended": "You rested for {rested} before ending.",
    "short_heading": "Session ended",
    "short": "You ended it before a minute had passed. That is fine: come back whenever it suits you.",
    # a sped-up rest (?speed=) is saved as a demo: the page says so, as the journal and the terminal do
    "demo": DEMO_ENDED,
    # ended from another tab or window while this one timed it: said, and spoken, before how to come up
    "elsewhere_heading": "This rest was ended in another tab",
    # stopped by the server for a warning sign saved elsewhere (a check-in, the safety questions): said the same way
    "warning_heading": STOPPED_BY_A_SIGN,
    "warning_before_heading": "A warning sign came in before your rest began",  # its start refused
    # the safety answers, given elsewhere meanwhile, advise resting on the side (pregnancy): a rest on the back stops
    "side_heading": STOPPED_FOR_THE_SIDE,
    "deleted": "It was deleted there, so this rest is not in your journal.",
}
# What the page says of an open session offered again: this tab left its timer (a reload, a tap on the navigation),
# or it was saved a moment ago by a page that may still be counting it (another tab, another window).
RESUME_WORDS = {
    "waits": "The timer waits where it stopped.",
    "elsewhere": "It may still be running in another tab or window: it was saved {when}.",
}
# Said on the timer when the browser does not keep the screen on (no Wake Lock, refused, or taken back by the system):
# a phone that locks holds back the chime and the spoken steps for coming up, and someone lying with eyes closed
# would wait for them.
SCREEN_NOT_KEPT_ON = (
    "This browser is not keeping the screen on: the phone may lock during the rest, and then the chime and the "
    "steps for coming up wait until you unlock it. To hear them on time, set the screen to stay on for longer than "
    "the rest in the phone's settings."
)
SAVED_JUST_NOW_S = 10  # "saved 3 s ago" would read as more exact than a page's save is
PHASE_LABELS = {"settle": "settling in", "movement": "slow movements", "rest": "resting", "closing": "closing"}
MAX_SPEED = 1000.0


@router.get("/session", name="session_page")
def session_page(
    request: Request,
    context: Context,
    minutes: Annotated[int | None, Query(ge=MIN_PLANNED_MINUTES, le=MAX_PLANNED_MINUTES)] = None,
    variant: VariantName | None = None,
    speed: Annotated[float, Query(gt=0, le=MAX_SPEED, description="clock speed for demos and tests")] = 1.0,
    before_checkin_id: Annotated[int | None, Query(ge=1, le=MAX_RECORD_ID)] = None,
) -> Response:
    services = context.services
    # A journal crest may only read: said at once, not after the setup steps and a rest that could not be kept
    # (`crest session` refuses there too).
    services.practice.refuse_if_read_only()
    if before_checkin_id is not None:
        services.check_ins.get(before_checkin_id)  # a 404 page for a check-in that does not exist
    # A session this server is still running for a page (one reloaded, or left by a stray tap) is offered first.
    open_session = services.practice.open_session()
    safety = services.safety.standing()
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    if safety.concern_stands or (safety.due and open_session is None):
        # The minutes and variant chosen come back with the safety page's Continue, not Today's defaults.
        going_on = f"?{urlencode({'next': here})}" if request.url.query else ""
        return RedirectResponse(f"{request.url_for('safety_page').path}{going_on}", status_code=303)
    if before_checkin_id is None and open_session is None:
        # one saved on the Check-in page as "Before a session" a moment ago: this session takes it up, as it says
        waiting = services.practice.waiting_before_check_in()
        before_checkin_id = None if waiting is None else waiting.id
    running_elsewhere = None if open_session is not None else services.practice.running_elsewhere()
    if running_elsewhere is not None:  # one rest at a time: starting here would be refused
        started = friendly_time(running_elsewhere.started_at, context.local_zone, context.now())
        return render(request, "session_running.html", active="session_page", title="Session", started=started)
    preferences = services.preferences.current()
    protocol = context.protocol
    worse_today: WorseAdvice | None = None
    if open_session is not None:
        chosen_minutes = open_session.planned_minutes
        chosen_variant = check_variant(protocol, open_session.variant)
    else:
        # the prescription in force, else the settings, as on Today
        usual_minutes, usual = usual_dose(services.reports.prescription_in_force(), preferences, protocol)
        chosen_minutes = check_minutes(protocol, minutes if minutes is not None else usual_minutes)
        worse_today = services.check_ins.worse_today()
        usual = SUPPORTED_VARIANT if worse_today else usual  # as the worse check-in suggested
        chosen_variant = variant or (SIDE_LYING_VARIANT if safety.side_lying_only else usual)
        if not safety.may_practise(chosen_variant):
            return RedirectResponse(request.url_for("today"), status_code=303)  # Today says what the person can do
    timeline = build_timeline(protocol, chosen_variant, chosen_minutes)
    rewritten = protocol.variants[chosen_variant].replaces_setup
    config = {
        "minutes": chosen_minutes,
        "variant": chosen_variant,
        "speed": speed,
        # Timed movements come every few seconds while the eyes are closed: spoken by default (the button turns it off).
        "voice": preferences.voice or protocol.variants[chosen_variant].movement_rounds > 0,
        "chime": preferences.chime,
        "chime_volume": CHIME_VOLUMES[
            preferences.chime_volume
        ],  # the chime file is the loudest: the page turns it down
        "checkpoint_every_s": timeline.checkpoint_every_s,
        "first_checkpoint_s": timeline.first_checkpoint_s,
        "steps": [
            {
                "title": step.title,
                "text": step.text,
                "source": protocol.cite(step.sources),
                "help": help_link(request, setup_step_entry(step.id, chosen_variant, step.id in rewritten)),
            }
            for step in protocol.setup_for(chosen_variant)
        ],
        "timeline": {
            "total_s": timeline.total_s,
            "phases": [
                {"name": p.name, "label": PHASE_LABELS.get(p.name, p.name), "start_s": p.start_s, "end_s": p.end_s}
                for p in timeline.phases
            ],
            # The time left, said once a minute to a screen reader as `crest session --plain` prints it: "4 min left."
            "minutes_left": [
                {"at_s": at_s, "text": f"{rested_text(timeline.total_s - at_s)} left."}
                for at_s in range(0, timeline.total_s, 60)
            ],
            "cues": [
                {
                    "at_s": c.at_s,
                    "kind": c.kind,
                    "text": c.text,
                    "spoken": c.spoken,
                    "source": c.citation,
                    "help": help_link(request, PROTOCOL_TEXTS.get(c.id)),
                }
                for c in timeline.cues
            ],
        },
        "ending": [part.text for part in protocol.ending_for(chosen_variant)],
        "done": DONE_WORDS,
        "short_rest_s": SHORT_REST_S,
        "time_up": TIME_UP,
        "screen_not_kept_on": SCREEN_NOT_KEPT_ON,
        "note": usual_range_note(protocol, chosen_minutes),
        "checkin_url": str(request.url_for("checkin_page").path),
        "page_url": str(request.url_for("session_page").path),  # where a rest stopped elsewhere says why
        "sessions_url": "/api/sessions",
        "safety_url": "/api/safety/latest",  # whether a rest stopped by the server was stopped for a warning sign
        "live_url": "/api/check/live",
        "breath_url": str(request.url_for("session_breath_part").path),
        "breath_states": state_labels(),
        **page_labels(),
        "before_checkin_id": before_checkin_id,
        # Named by its uid too: deleted in another tab while this page is open, it is not linked (its id may name
        # a newer check-in by then).
        "before_checkin_uid": None
        if before_checkin_id is None
        else services.check_ins.uids([before_checkin_id]).get(before_checkin_id),
        "heartbeat_every_s": context.watch.heartbeat_every_s,
        "resume": None if open_session is None else _resume(open_session, context),
    }
    return render(
        request,
        "session.html",
        active="session_page",
        config=config,
        minutes=chosen_minutes,
        variant_title=protocol.variants[chosen_variant].title,
        # The camera check judges the position on the back; it has nothing to say about resting on the side.
        camera_check=chosen_variant != SIDE_LYING_VARIANT,
        before_url=f"{request.url_for('checkin_page').path}?{urlencode({'timing': 'before', 'next': here})}",
        done_heading=DONE_WORDS["heading"],
        ending_help=help_link(request, PROTOCOL_TEXTS.get(protocol.ending[0].id)),
        # advice, never a block: a new session today repeats what the worse check-in said
        worse_today=worse_today_reminder(chosen_variant, worse_today, safety.side_lying_only) if worse_today else None,
        worse_today_source=STOP_SOURCE,
    )


@router.get("/session/edit", name="session_edit_page")
def session_edit_page(
    request: Request,
    context: Context,
    session_id: Annotated[int, Query(ge=1, le=MAX_RECORD_ID)],
    page: FromJournalPage = None,
) -> Response:
    return _edit_page(request, context, session_id, page)


@router.post("/session/edit")
def save_session_edit(
    request: Request,
    context: Context,
    form: SubmittedForm,
    session_id: Annotated[int, Query(ge=1, le=MAX_RECORD_ID)],
    page: FromJournalPage = None,
) -> Response:
    """The edit form without its script: the same correction, through the same service, as the script's PUT."""
    practice = context.services.practice
    try:
        session = require_finished(practice.get(session_id))
        seconds = seconds_rested(form.get("rested_minutes", ""), form.get("rested_seconds", ""), session)
        edit = SessionEdit(form.get("variant", ""), seconds, check_finished_status(form.get("status", "")))
        practice.correct(session_id, edit, form.get("uid") or None, form.get("loaded") or None)
    except CrestError as error:
        return _edit_page(request, context, session_id, page, form, error)
    return RedirectResponse(journal_address(request, page), status_code=303)


# Time rested as the edit form takes it: whole minutes and seconds, the seconds under a minute, in all no more than
# `most_rested_s`. Said in these words with and without the script (which gets them from the page).
RESTED_FORM = "give the minutes as a whole number and the seconds from 0 to 59"
_WHOLE = re.compile(r"[0-9]{1,9}")  # as the script reads a field (/^[0-9]{1,9}$/): no sign, no decimals


def most_rested_hint(session: PracticeSession) -> str:
    """The most a correction may give `session`, and why."""
    most = rested_text(most_rested_s(session))
    if session.logged:
        return f"At most {most}, the time planned."
    return f"At most {most}, the time crest timed: a correction can shorten a timed rest, not add to it."


def rested_refusal(session: PracticeSession) -> str:
    return f"Time rested: {RESTED_FORM}. {most_rested_hint(session)}"


def seconds_rested(minutes: str, seconds: str, session: PracticeSession) -> int:
    """The seconds rested the form's two fields give, or `InvalidDuration` in the page's words."""
    given = [int(text.strip()) if _WHOLE.fullmatch(text.strip()) else None for text in (minutes, seconds)]
    if given[0] is not None and given[1] is not None and given[1] <= 59:
        total = given[0] * 60 + given[1]
        if total <= most_rested_s(session):
            return total
    raise InvalidDuration(rested_refusal(session))


def _edit_page(
    request: Request,
    context: WebContext,
    session_id: int,
    page: int | None,
    sent: dict[str, str] | None = None,
    error: CrestError | None = None,
) -> Response:
    """The edit form; after a refused save without the script, what was sent, with why it was refused."""
    session = require_finished(context.services.practice.get(session_id))
    context.services.sync.require_entered_here("sessions", session_id)  # one pushed by a linked crest is edited there
    # Named by its uid too, so that saving from a tab left open after it was deleted never changes the next session
    # SQLite gives its id.
    uid = context.services.practice.uids([session_id]).get(session_id, "")
    # ... and by what it said when this page showed it: an older tab never undoes a newer tab's correction (a form
    # sent back keeps what it was first shown with)
    shown = {"uid": uid, "loaded": fingerprint(session)}
    if sent is not None:
        shown = {name: sent.get(name, "") for name in shown}
    sent_back = {name: value for name, value in shown.items() if value}
    config = {
        "session": SessionOut.of(session).model_dump(mode="json"),
        "update_url": f"/api/sessions/{session_id}?{urlencode(sent_back)}",
        "journal_url": journal_address(request, page),  # Save and Cancel return to the Journal page it came from
        "most_seconds": most_rested_s(session),
        "rested_refused": rested_refusal(session),
    }
    finished = [status for status in SessionStatus if status.finished]
    practitioners_notes = context.services.reports.session_notes()  # pulled by crest sync from a linked practice
    form = {
        "variant": session.variant,
        "status": session.status.value,
        "rested_minutes": str(session.actual_seconds // 60),
        "rested_seconds": str(session.actual_seconds % 60),
    } | (sent or {})
    return render(
        request,
        "session_edit.html",
        200 if error is None else error.http_status,
        active="journal_page",
        title="Edit session",
        config=config,
        session=session,
        action=f"{request.url.path}?{request.url.query}",
        shown=shown,
        form=form,
        error="" if error is None else refusal(error),
        rested_refused=isinstance(error, InvalidDuration),
        when=friendly_time(session.started_at, context.local_zone, context.now()),
        notes=note_lines(practitioners_notes.get(session_id, ()), context.local_zone, context.now()),
        rested=rested_text(session.actual_seconds),
        most_hint=most_rested_hint(session),
        variants=[(name, variant.title) for name, variant in context.protocol.variants.items()],
        statuses=[(name, label.capitalize()) for name, label in labels(finished).items()],
    )


def _resume(session: PracticeSession, context: WebContext) -> dict[str, Any]:
    """The open session, and whether a page may still be counting it: one running and saved within two heartbeats
    (a live page saves at least once a heartbeat, a hidden tab's timers once a minute at worst)."""
    assert session.id is not None
    now = context.now()
    saved_ago_s = (now - (session.last_checkpoint_at or session.started_at)).total_seconds()
    live = session.status is SessionStatus.RUNNING and saved_ago_s <= 2 * context.watch.heartbeat_every_s
    return {
        "session_id": session.id,
        # what its saves send back, so that a tab left on it never writes into a newer session given its id
        "uid": context.services.practice.uids([session.id]).get(session.id),
        "elapsed_s": session.actual_seconds,
        "started": friendly_time(session.started_at, context.local_zone, now),
        "waits": RESUME_WORDS["waits"],
        "elsewhere": RESUME_WORDS["elsewhere"].format(when=_saved_when(saved_ago_s)) if live else None,
    }


def _saved_when(saved_ago_s: float) -> str:
    return "just now" if saved_ago_s < SAVED_JUST_NOW_S else f"{rested_text(int(saved_ago_s))} ago"
