"""Server-rendered pages. Each handler reads through the same services as the API and renders one template."""

from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError

from crest.journal import records
from crest.journal.records import MAX_RECORD_ID
from crest.protocol.model import VariantName
from crest.safety.screen import QUESTIONS
from crest.session.timeline import build_timeline, check_minutes, usual_range_note
from crest.web import progress
from crest.web.context import WebContext, web_context
from crest.web.preferences import Preferences
from crest.web.safety_state import record_answers, safety_state
from crest.web.schemas import CheckInOut, SessionOut
from crest.web.timeframe import friendly_time, start_of_week

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")
NAV_ITEMS = (
    ("today", "Today"),
    ("session_page", "Session"),
    ("checkin_page", "Check-in"),
    ("journal_page", "Journal"),
    ("progress_page", "Progress"),
    ("check_page", "Check a photo"),
    ("settings_page", "Settings"),
)
PHASE_LABELS = {"settle": "settling in", "movement": "slow movements", "rest": "resting", "closing": "closing"}
MAX_SPEED = 1000.0

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
Context = Annotated[WebContext, Depends(web_context)]


def render(request: Request, template: str, status_code: int = 200, **values: Any) -> Response:
    context: WebContext = request.app.state.context
    try:
        theme = Preferences.from_stored(context.journal.get_settings()).theme
    except Exception:  # the error page must render even when the journal cannot be read
        theme = "system"
    values.setdefault("title", dict(NAV_ITEMS).get(values.get("active", ""), "crest"))
    return TEMPLATES.TemplateResponse(
        request,
        template,
        {"theme": theme, "nav_items": NAV_ITEMS, "disclaimer": context.protocol.disclaimer, **values},
        status_code=status_code,
    )


def _preferences(context: WebContext) -> Preferences:
    return Preferences.from_stored(context.journal.get_settings())


@router.get("/", name="today")
def today(request: Request, context: Context) -> Response:
    now = context.now()
    journal = context.journal
    sessions = journal.list_sessions()
    week = [s for s in sessions if s.started_at >= start_of_week(now, context.local_zone)]
    last = sessions[-1] if sessions else None
    safety = safety_state(journal, now)
    preferences = _preferences(context)
    protocol = context.protocol
    return render(
        request,
        "today.html",
        active="today",
        settings=preferences,
        timing=protocol.timing,
        variants=protocol.variants,
        safety_due=safety.due and not safety.blocks,
        safety_advice={"blocks": True, "headline": "Please wait before practising", "message": safety.advice}
        if safety.blocks
        else None,
        last_session=None
        if last is None
        else {
            "minutes_done": round(last.actual_seconds / 60),
            "when": friendly_time(last.started_at, context.local_zone, now),
            "variant": protocol.variants[last.variant].title if last.variant in protocol.variants else last.variant,
            "status_label": progress.STATUS_WORDS.get(last.status, last.status),
        },
        sessions_this_week=len(week),
        streak_days=progress.streak_days(sessions, context.local_zone, now) if preferences.show_streaks else None,
        suggested_time={"text": protocol.suggested_time.text, "source": protocol.cite(protocol.suggested_time.sources)},
    )


@router.get("/safety", name="safety_page")
def safety_page(request: Request) -> Response:
    # Asked afresh each time, never filled in from last time: a stale "no" must not be one click away.
    return render(request, "safety.html", title="Safety questions", questions=QUESTIONS, answers={}, advice=None)


@router.post("/safety")
async def save_safety(request: Request, context: Context) -> Response:
    form = await request.form()
    answers = {question.id: form.get(question.id) == "yes" for question in QUESTIONS if form.get(question.id)}
    state = record_answers(context.journal, answers, context.now())
    headline = "Thank you" if not state.blocks else "Please do not start a session now"
    return render(
        request,
        "safety.html",
        title="Safety questions",
        questions=QUESTIONS,
        answers=answers,
        advice={"blocks": state.blocks, "headline": headline, "message": state.advice},
    )


@router.get("/session", name="session_page")
def session_page(
    request: Request,
    context: Context,
    minutes: Annotated[int | None, Query(ge=1, le=600)] = None,
    variant: VariantName | None = None,
    speed: Annotated[float, Query(gt=0, le=MAX_SPEED, description="clock speed for demos and tests")] = 1.0,
    before_checkin_id: Annotated[int | None, Query(ge=1, le=MAX_RECORD_ID)] = None,
) -> Response:
    now = context.now()
    if before_checkin_id is not None:
        context.journal.get_checkin(before_checkin_id)  # a 404 page for a check-in that does not exist
    safety = safety_state(context.journal, now)
    if safety.due or safety.blocks:
        return RedirectResponse(request.url_for("safety_page"), status_code=303)
    preferences = _preferences(context)
    protocol = context.protocol
    chosen_minutes = check_minutes(protocol, minutes if minutes is not None else preferences.default_minutes)
    chosen_variant = variant or preferences.default_variant
    timeline = build_timeline(protocol, chosen_variant, chosen_minutes)
    config = {
        "minutes": chosen_minutes,
        "variant": chosen_variant,
        "speed": speed,
        "voice": preferences.voice,
        "chime": preferences.chime,
        "checkpoint_every_s": timeline.checkpoint_every_s,
        "steps": [
            {"title": step.title, "text": step.text, "source": protocol.cite(step.sources)}
            for step in protocol.setup_for(chosen_variant)
        ],
        "timeline": {
            "total_s": timeline.total_s,
            "phases": [
                {"name": p.name, "label": PHASE_LABELS.get(p.name, p.name), "start_s": p.start_s, "end_s": p.end_s}
                for p in timeline.phases
            ],
            "cues": [{"at_s": c.at_s, "kind": c.kind, "text": c.text, "source": c.citation} for c in timeline.cues],
        },
        "ending": [part.text for part in protocol.ending],
        "note": usual_range_note(protocol, chosen_minutes),
        "checkin_url": str(request.url_for("checkin_page").path),
        "live_url": "/api/check/live",
        "before_checkin_id": before_checkin_id,
    }
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return render(
        request,
        "session.html",
        active="session_page",
        config=config,
        minutes=chosen_minutes,
        variant_title=protocol.variants[chosen_variant].title,
        before_url=f"{request.url_for('checkin_page').path}?{urlencode({'timing': 'before', 'next': here})}",
    )


@router.get("/checkin", name="checkin_page")
def checkin_page(
    request: Request,
    context: Context,
    session_id: Annotated[int | None, Query(ge=1, le=MAX_RECORD_ID)] = None,
    checkin_id: Annotated[int | None, Query(ge=1, le=MAX_RECORD_ID)] = None,
    timing: Literal["before", "after", "standalone"] | None = None,
    next: Annotated[str | None, Query(pattern=r"^/session(\?.*)?$", description="the session to go on with")] = None,
) -> Response:
    existing = None
    if checkin_id is not None:
        existing = CheckInOut.of(context.journal.get_checkin(checkin_id)).model_dump(mode="json")
    elif session_id is not None:
        context.journal.get_session(session_id)  # a 404 page for a session that does not exist
    default_sides = {
        region: ("centre" if region in ("lower_back", "pelvis", "abdomen") else "both") for region in records.REGIONS
    }
    config = {
        "checkin": existing,
        "session_id": session_id,
        "default_timing": timing or ("after" if session_id is not None else "standalone"),
        "next_url": next,
        "region_labels": {name: label.capitalize() for name, label in records.REGIONS.items()},
        "default_sides": default_sides,
        "journal_url": str(request.url_for("journal_page").path),
    }
    return render(
        request,
        "checkin.html",
        active="checkin_page",
        title="Edit check-in" if existing else "Check-in",
        config=config,
        region_labels=config["region_labels"],
        side_labels={name: label.capitalize() for name, label in records.SIDES.items()},
        sensation_labels={name: label.capitalize() for name, label in records.SENSATIONS.items()},
        comparisons=[(name, label.capitalize()) for name, label in records.COMPARISONS.items()],
        timings=[("before", "Before a session"), ("after", "After a session"), ("standalone", "On its own")],
        before_a_session=timing == "before",
    )


@router.get("/session/edit", name="session_edit_page")
def session_edit_page(
    request: Request, context: Context, session_id: Annotated[int, Query(ge=1, le=MAX_RECORD_ID)]
) -> Response:
    session = records.require_finished(context.journal.get_session(session_id))
    config = {
        "session": SessionOut.of(session).model_dump(mode="json"),
        "journal_url": str(request.url_for("journal_page").path),
    }
    return render(
        request,
        "session_edit.html",
        active="journal_page",
        title="Edit session",
        config=config,
        session=session,
        when=friendly_time(session.started_at, context.local_zone, context.now()),
        minutes_rested=f"{round(session.actual_seconds / 60, 1):g}",
        variants=[(name, variant.title) for name, variant in context.protocol.variants.items()],
        statuses=[(name, progress.STATUS_WORDS[name].capitalize()) for name in records.FINISHED_STATUSES],
    )


@router.get("/journal", name="journal_page")
def journal_page(request: Request, context: Context) -> Response:
    now = context.now()
    zone = context.local_zone
    entries = progress.journal_entries(
        context.journal.list_sessions(), context.journal.list_checkins(), context.protocol, zone, now
    )
    return render(request, "journal.html", active="journal_page", entries=entries)


@router.get("/progress", name="progress_page")
def progress_page(request: Request, context: Context) -> Response:
    charts = progress.charts(
        context.journal.list_sessions(), context.journal.list_checkins(), context.local_zone, context.now()
    )
    return render(request, "progress.html", active="progress_page", charts=charts)


@router.get("/check", name="check_page")
def check_page(request: Request, context: Context) -> Response:
    from crest.web.api.check import PHOTO_MAX_SIDE_PX

    limits = context.limits
    return render(
        request,
        "check.html",
        active="check_page",
        max_side_px=PHOTO_MAX_SIDE_PX,
        max_upload_mb=limits.max_upload_bytes // (1024 * 1024),
        max_video_s=int(limits.max_video_s),
    )


@router.get("/settings", name="settings_page")
def settings_page(request: Request, context: Context, saved: bool = False) -> Response:
    return _settings(request, context, _preferences(context), saved=saved)


@router.post("/settings")
async def save_settings_page(request: Request, context: Context) -> Response:
    form = await request.form()
    submitted = {
        "default_minutes": form.get("default_minutes"),
        "default_variant": form.get("default_variant"),
        "height_cm": form.get("height_cm") or None,
        "theme": form.get("theme") or "system",
        "voice": form.get("voice") == "on",
        "chime": form.get("chime") == "on",
        "show_streaks": form.get("show_streaks") == "on",
    }
    try:
        preferences = Preferences.model_validate(submitted)
    except ValidationError as error:
        first = error.errors()[0]
        message = f"{'.'.join(str(part) for part in first['loc'])}: {first['msg']}"
        return _settings(request, context, _preferences(context), error=message, status_code=422)
    context.journal.save_settings(preferences.to_stored())
    return RedirectResponse(str(request.url_for("settings_page")) + "?saved=true", status_code=303)


def _settings(
    request: Request, context: Context, preferences: Preferences, status_code: int = 200, **values: Any
) -> Response:
    return render(
        request,
        "settings.html",
        status_code=status_code,
        active="settings_page",
        settings=preferences,
        timing=context.protocol.timing,
        variants=context.protocol.variants,
        **values,
    )
