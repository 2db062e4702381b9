"""The check-in: pain on a body map by region and side, sensations, a note; new or edited."""

import re
from dataclasses import replace
from typing import Annotated
from urllib.parse import urlencode

from fastapi import Depends, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from crest.errors import CrestError, FieldError
from crest.input_problems import InputProblem
from crest.journal.records import (
    MAX_NOTE_CHARACTERS,
    MAX_RECORD_ID,
    CheckIn,
    InvalidRating,
    PracticeSession,
    session_end,
)
from crest.journal.vocabulary import CheckInTiming, Comparison, PainQuality, Region, Sensation, Side, labels
from crest.knowledge.why_links import SENSATIONS
from crest.safety.screen import ANSWER_AGAIN_AFTER, AdviceLevel
from crest.safety.worse_check_in import WarningLevel, WarningSign
from crest.services.bundle import Services
from crest.services.fingerprints import fingerprint
from crest.services.practice import BEFORE_CHECK_IN_WAITS, NoSessionToFollow
from crest.services.sign_confirmation import signs_to_confirm
from crest.web.context import WebContext
from crest.web.form_words import form_problems, refusal
from crest.web.help_links import help_links
from crest.web.pages.common import NO_RECORD_ID, Context, page_router
from crest.web.pages.journal import FromJournalPage, journal_address
from crest.web.presenters import friendly_time
from crest.web.schemas import CheckInIn, CheckInOut
from crest.web.templating import render

router = page_router()
BEFORE, AFTER = CheckInTiming.BEFORE, CheckInTiming.AFTER


def _capitalised(names: dict[str, str]) -> dict[str, str]:
    return {name: label.capitalize() for name, label in names.items()}


NEXT_PATTERN = r"^/session(\?.*)?$"  # a check-in page goes on only to a session of this app


@router.get("/checkin", name="checkin_page")
def checkin_page(
    request: Request,
    context: Context,
    session_id: Annotated[int | None, Query(ge=1, le=MAX_RECORD_ID)] = None,
    checkin_id: Annotated[int | None, Query(ge=1, le=MAX_RECORD_ID)] = None,
    timing: CheckInTiming | None = None,
    next: Annotated[str | None, Query(pattern=NEXT_PATTERN, description="the session to go on with")] = None,
    page: FromJournalPage = None,
) -> Response:
    return _checkin_view(request, context, session_id, checkin_id, timing, next, journal_page=page)


async def _check_in_form(request: Request) -> dict[str, list[str]]:
    # Every value of each field: the sensations are several boxes of one name.
    form = await request.form()
    return {key: [value for value in form.getlist(key) if isinstance(value, str)] for key in form}


@router.post("/checkin", name="save_checkin_page")
def save_checkin_page(
    request: Request, context: Context, form: Annotated[dict[str, list[str]], Depends(_check_in_form)]
) -> Response:
    """The check-in as the form sends it without JavaScript (or before its script has loaded), in the body, never
    in the address: pain (the few places of the form's rows), timing, comparison, sensations and note. An edit needs
    the script, which fills in the answers being edited."""

    def first(name: str) -> str:
        return next(iter(form.get(name, [])), "").strip()

    # a number beyond any id names no session (it overflowed the database's integer: a 500)
    sent_session = first("session_id")
    session_uid = first("session_uid") or None
    in_range = sent_session.isdigit() and int(sent_session) <= MAX_RECORD_ID
    session_id = (int(sent_session) if in_range else NO_RECORD_ID) if sent_session.isdigit() else None
    going_on = first("next") if re.fullmatch(NEXT_PATTERN, first("next")) else None
    check_ins = context.services.check_ins
    try:
        if first("checkin_id"):
            raise CrestError("editing a check-in needs JavaScript in this browser; nothing was changed")
        timing = first("timing") or (CheckInTiming.AFTER if session_id is not None else CheckInTiming.STANDALONE)
        body = CheckInIn.model_validate(
            {
                "session_id": session_id,
                "timing": timing,
                "compared_with_before": (first("compared") or None) if timing == CheckInTiming.AFTER else None,
                "pain": _form_pain(form),
                "sensations": form.get("sensations", []),
                "note": first("note") or None,
            }
        )
        check_in = body.to_record(check_ins.now())
        if check_in.timing is AFTER and check_in.session_id is None:  # "After your rest that ended at ..."
            check_in = _after_the_rest_just_ended(context, check_in)
        # As the script asks first: an urgent-care sign is saved only once confirmed, the form filled as it was.
        if first("confirmed") != "yes" and (signs := signs_to_confirm(check_ins, check_in)):
            return _checkin_view(request, context, session_id, None, None, going_on, sent=form, confirm=signs)
        saved = check_ins.add(check_in, session_uid)
    except ValidationError as problem:
        problems = _as_the_form_labels_them(form_problems(problem.errors(), context.protocol), form)
        error = " ".join(one.sentence for one in problems)
        refused = _refused_fields(form, [one.field for one in problems])
        return _checkin_view(request, context, session_id, None, None, going_on, error, 422, form, refused)
    except CrestError as problem:
        named = [problem.field] if isinstance(problem, FieldError | _RowRefused) else []
        return _checkin_view(
            request,
            context,
            session_id,
            None,
            None,
            going_on,
            error=_refusal_on_the_form(problem, form),
            status_code=problem.http_status,
            sent=form,
            refused=_refused_fields(form, named),
        )
    # As the script does: a worse check-in is answered on Today, where urgent care that stands is said first; one
    # before a session goes on to it.
    if check_ins.advice_for(saved) is not None or context.services.safety.standing().level is AdviceLevel.URGENT:
        return RedirectResponse(f"{request.url_for('today').path}?saved=check-in", status_code=303)
    if going_on is not None:
        joiner = "&" if "?" in going_on else "?"
        return RedirectResponse(f"{going_on}{joiner}before_checkin_id={saved.id}", status_code=303)
    return RedirectResponse(f"{request.url_for('journal_page').path}?saved=check-in", status_code=303)


# Rows of places the form offers without the script (the body map needs it): enough for a usual check-in.
FORM_PAIN_ROWS = 3


class _RowRefused(InvalidRating):
    """A row of the form that is not a rating, said by its number ("place 2: ..."), naming the field to mend by its
    id on the page (`form-score-1`)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _filled_rows(form: dict[str, list[str]]) -> list[tuple[int, str, str, str]]:
    """The form's rows that say something, each with its number on the page (from 0): region, side, score."""
    rows = zip(form.get("pain_region", []), form.get("pain_side", []), form.get("pain_score", []), strict=False)
    stripped = ((number, r.strip(), s.strip(), n.strip()) for number, (r, s, n) in enumerate(rows))
    return [row for row in stripped if row[1] or row[3]]


def _form_pain(form: dict[str, list[str]]) -> list[dict[str, str | int | None]]:
    """The form's rated rows as the API takes them: a row with no place and no score is left out, one with only
    one of them is refused, saying which (nothing is saved half); the rest are checked as any pain rating."""
    rated: list[dict[str, str | int | None]] = []
    for row, region, side, score in _filled_rows(form):
        if not region:
            raise _RowRefused(f"form-region-{row}", f"place {row + 1}: choose the place you gave {score} out of 10")
        if not re.fullmatch(r"\d{1,2}", score):
            raise _RowRefused(
                f"form-score-{row}", f"place {row + 1}: give it a score, a whole number from 0 to 10, or choose None"
            )
        rated.append({"region": region, "side": side or None, "score": int(score)})
    return rated


# A refused field of the API's check-in as the form names it: pain.N.score is the score of the Nth rated row, which
# is the form's row that many filled rows down (empty rows are left out); a group of boxes by their shared name.
_PAIN_FIELD = re.compile(r"pain\.(\d+)\.(region|side|score)")
_FORM_FIELDS = {"note": "note", "sensations": "sensations", "timing": "timing", "compared_with_before": "compared"}


# A pain row's field as checkin.html labels it, by the form's row number from 1.
_FORM_PAIN_LABELS = {"region": "Place {}", "side": "Side of place {}", "score": "Pain in place {}"}


def _form_label(field: str, form: dict[str, list[str]]) -> str | None:
    """A pain row's field under the label the page shows ("Side of place 2"), not the API's "Side (entry 1)",
    which counts rated places and so names another row when one above is left empty; None for other fields."""
    pain = _PAIN_FIELD.fullmatch(field)
    filled = [row for row, *_ in _filled_rows(form)]
    if pain is None or int(pain[1]) >= len(filled):
        return None
    return _FORM_PAIN_LABELS[pain[2]].format(filled[int(pain[1])] + 1)


def _as_the_form_labels_them(problems: list[InputProblem], form: dict[str, list[str]]) -> list[InputProblem]:
    return [replace(one, label=_form_label(one.field, form) or one.label) for one in problems]


def _refusal_on_the_form(problem: CrestError, form: dict[str, list[str]]) -> str:
    if isinstance(problem, FieldError) and (label := _form_label(problem.field, form)) is not None:
        return f"{label}: {problem.reason}"
    return refusal(problem)


def _refused_fields(form: dict[str, list[str]], fields: list[str]) -> list[str]:
    """The form's fields a refusal names (`refused` in checkin.html), in the order the page shows them."""
    filled = [row for row, *_ in _filled_rows(form)]
    named: list[str] = []
    for field in fields:
        pain = _PAIN_FIELD.fullmatch(field)
        if pain is not None and int(pain[1]) < len(filled):
            named.append(f"form-{pain[2]}-{filled[int(pain[1])]}")
        elif field.startswith("form-"):  # a row the page itself refused (_RowRefused)
            named.append(field)
        elif field in _FORM_FIELDS:
            named.append(_FORM_FIELDS[field])
    order = [*(f"form-{kind}-{row}" for row in range(FORM_PAIN_ROWS) for kind in ("region", "side", "score"))]
    order += ["timing", "compared", "sensations", "note"]
    return sorted(set(named) & set(order), key=order.index)  # a row past the form's (a hand-made post) has no field


def _sent_back(form: dict[str, list[str]]) -> dict[str, list[str]]:
    """What a refused form sent, shown again so that nothing typed is lost: every field a list, the pain rows one
    value each."""
    back = {name: form.get(name, []) for name in ("timing", "compared", "sensations", "note")}
    for name in ("pain_region", "pain_side", "pain_score"):
        values = form.get(name, [])[:FORM_PAIN_ROWS]
        back[name] = [*values, *[""] * (FORM_PAIN_ROWS - len(values))]
    return back


def _after_the_rest_just_ended(context: WebContext, check_in: CheckIn) -> CheckIn:
    """`check_in` as the "after" of the rest that ended within the hour, or refused in this page's words (the
    terminal's name its options) when the page was left open past the hour, or the rest has its "after" by now."""
    try:
        return context.services.practice.followed_by(check_in)
    except NoSessionToFollow:
        raise NoSessionToFollow(
            "no rest that ended within the hour is waiting for its check-in after it; choose On its own to save "
            "this one"
        ) from None


def _session_to_follow(context: WebContext) -> PracticeSession | None:
    """The session a check-in made now would follow as its "after" (`PracticeSessions.followed_by`), if any."""
    services = context.services
    try:
        followed = services.practice.followed_by(CheckIn(at=services.check_ins.now()))
    except NoSessionToFollow:
        return None
    assert followed.session_id is not None
    return services.practice.get(followed.session_id)


def _followed(services: Services, session: PracticeSession) -> dict[str, object]:
    assert session.id is not None
    return {
        "id": session.id,
        "uid": services.practice.uids([session.id]).get(session.id),
        "rated_before": _places_rated_before(services, session.id),
    }


def _places_rated_before(services: Services, session_id: int) -> list[dict[str, object]]:
    return [
        {"region": rating.region, "side": rating.side, "score": rating.score}
        for rating in services.check_ins.rated_before(session_id)
    ]


def _checkin_view(
    request: Request,
    context: WebContext,
    session_id: int | None,
    checkin_id: int | None,
    timing: CheckInTiming | None,
    next: str | None,
    error: str = "",
    status_code: int = 200,
    sent: dict[str, list[str]] | None = None,
    refused: list[str] | None = None,
    journal_page: int | None = None,
    confirm: tuple[WarningSign, ...] = (),
) -> Response:
    """The check-in page; `confirm`: the signs a check-in sent without the script would name, asked about before
    it is saved because one is urgent-care (`signs_to_confirm`)."""
    services = context.services
    existing = None
    made = None  # when the check-in being edited was made: a page of sliders alone does not say which one it is
    rated_before: list[dict[str, object]] = []
    update_url = None
    if checkin_id is not None:
        check_in = services.check_ins.get(checkin_id)
        services.sync.require_entered_here("check_ins", checkin_id)  # one pushed by a linked crest is edited there
        # The edit names the check-in by its uid too: saved from a tab left open after it was deleted, it is
        # refused instead of overwriting the next check-in, which SQLite may give the same id.
        uid = services.check_ins.uids([checkin_id]).get(checkin_id, "")
        # ... and by what it said when this page showed it: an older tab never undoes a newer tab's correction
        sent_back = {**({"uid": uid} if uid else {}), "loaded": fingerprint(check_in)}
        update_url = f"/api/checkins/{checkin_id}?{urlencode(sent_back)}"
        existing = CheckInOut.of(check_in).model_dump(mode="json")
        made = {"iso": check_in.at.isoformat(), "when": friendly_time(check_in.at, context.local_zone, context.now())}
    session_uid = None
    if existing is None and session_id is not None:
        services.practice.get(session_id)  # a 404 page for a session that does not exist
        # Named by its uid too: deleted in another tab while this page is open, it is not followed (its id may name
        # a newer session by then); the check-in is kept on its own.
        session_uid = services.practice.uids([session_id]).get(session_id)
        # After a session, start with the places rated before it, so that before and after compare the same places.
        rated_before = _places_rated_before(services, session_id)
    with_session = session_id is not None or (existing is not None and existing["session_id"] is not None)
    # Away from the session's end screen, a rest that ended within the hour is still offered to follow, as
    # `crest log --after-session` takes it: the terminal's own rule.
    just_ended = None if existing is not None or with_session else _session_to_follow(context)
    default_timing = timing or (CheckInTiming.AFTER if session_id is not None else CheckInTiming.STANDALONE)
    if existing is not None:
        default_timing = CheckInTiming(existing["timing"])
    # A check-in with a session is from before or after it; one without is on its own, or before one to come, but
    # not while a safety concern stops every session (an existing "before" check-in keeps its timing).
    offered: tuple[CheckInTiming, ...] = (BEFORE, AFTER) if with_session else (CheckInTiming.STANDALONE, BEFORE)
    keeps_before = existing is not None and default_timing is BEFORE
    standing = services.safety.standing()
    if not with_session and not keeps_before and standing.concern_stands:
        offered, default_timing = (CheckInTiming.STANDALONE,), CheckInTiming.STANDALONE
    timing_labels = _capitalised(labels(offered))
    if just_ended is not None:
        offered = (*offered, AFTER)
        ended_at = session_end(just_ended).astimezone(context.local_zone)
        timing_labels[AFTER] = f"After your rest that ended at {ended_at:%H:%M}"
    # "Before a session" chosen here, away from a session, is taken up by the next one started soon (`start`): said
    # for a new check-in only, as the time counts from when one was made.
    pairs = existing is None and not with_session and BEFORE in offered
    waits = int(BEFORE_CHECK_IN_WAITS.total_seconds()) // 60 if pairs else None
    region_labels = _capitalised(labels(Region))
    config = {
        "checkin": existing,
        "session_id": session_id,
        "session_uid": session_uid,
        "default_timing": default_timing,
        "rated_before": rated_before,
        # the rest that ended within the hour, which "After" follows here: its id and uid, and the places rated
        # before it, to be rated again
        "just_ended": None if just_ended is None else _followed(services, just_ended),
        "next_url": next,
        "region_labels": region_labels,
        "usual_sides": {region.value: region.usual_side.value for region in Region},
        # A place added from the list starts with its side unchosen where it comes in pairs: the person says which.
        "first_sides": {region.value: "" if region.has_sides else region.usual_side.value for region in Region},
        "checkins_url": "/api/checkins",
        "urgent_signs_url": "/api/checkin-signs?every=true",  # asked first: such a sign is saved only once confirmed
        "update_url": update_url,
        "sensation_help": help_links(request, SENSATIONS, (sensation.value for sensation in Sensation)),
        # Urgent care that stands from before comes first and alone after saving: Today, no help offers.
        "urgent_care_stands": standing.level is AdviceLevel.URGENT,
        "journal_url": journal_address(request, journal_page, saved="check-in"),
        "today_url": str(request.url_for("today").path) + "?saved=check-in",  # where a worse one is answered
    }
    return render(
        request,
        "checkin.html",
        status_code,
        active="journal_page" if existing else "checkin_page",  # an edit comes from the Journal, as a session's
        title="Edit check-in" if existing else "Check-in",
        made=made,
        config=config,
        region_labels=region_labels,
        side_labels=_capitalised(labels(Side)),
        sensation_labels=_capitalised(labels(Sensation)),
        quality_labels=_capitalised(labels(PainQuality)),
        comparisons=list(_capitalised(labels(Comparison)).items()),
        timings=list(timing_labels.items()),
        default_timing=default_timing,
        before_waits_minutes=waits,
        session_id=session_id,
        session_uid=session_uid,
        checkin_id=checkin_id,
        next=next,
        journal_url=journal_address(request, journal_page),  # Cancel: the Journal page the edit came from
        # urgent care first and apart: its step is said as it always was, the others' advice after it
        confirm_signs=[sign.title for sign in confirm if sign.level is WarningLevel.URGENT_CARE],
        confirm_clinician_signs=[sign.title for sign in confirm if sign.level is WarningLevel.SEE_CLINICIAN],
        error=error,
        max_note_characters=MAX_NOTE_CHARACTERS,  # the journal's own limit, as the API and the terminal keep it
        sent=_sent_back(sent or {}),
        refused=refused or [],
        form_pain_rows=FORM_PAIN_ROWS,
        urgent_hold_days=ANSWER_AGAIN_AFTER[AdviceLevel.URGENT].days,
        form_sides=[Side.LEFT.value, Side.RIGHT.value, Side.BOTH.value],
    )
