"""The check-in: pain on a body map by region and side, sensations, a note; new or edited."""

from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import Response

from crest.journal.records import MAX_RECORD_ID
from crest.journal.vocabulary import CheckInTiming, Comparison, PainQuality, Region, Sensation, Side, labels
from crest.knowledge.why_links import SENSATIONS
from crest.web.help_links import help_links
from crest.web.pages.common import Context, page_router
from crest.web.schemas import CheckInOut
from crest.web.templating import render

router = page_router()
BEFORE, AFTER = CheckInTiming.BEFORE, CheckInTiming.AFTER


def _capitalised(names: dict[str, str]) -> dict[str, str]:
    return {name: label.capitalize() for name, label in names.items()}


@router.get("/checkin", name="checkin_page")
def checkin_page(
    request: Request,
    context: Context,
    session_id: Annotated[int | None, Query(ge=1, le=MAX_RECORD_ID)] = None,
    checkin_id: Annotated[int | None, Query(ge=1, le=MAX_RECORD_ID)] = None,
    timing: CheckInTiming | None = None,
    next: Annotated[str | None, Query(pattern=r"^/session(\?.*)?$", description="the session to go on with")] = None,
) -> Response:
    services = context.services
    existing = None
    rated_before: list[dict[str, object]] = []
    if checkin_id is not None:
        existing = CheckInOut.of(services.check_ins.get(checkin_id)).model_dump(mode="json")
    elif session_id is not None:
        services.practice.get(session_id)  # a 404 page for a session that does not exist
        # After a session, start with the places rated before it, so that before and after compare the same places.
        rated_before = [
            {"region": rating.region, "side": rating.side, "score": rating.score}
            for rating in services.check_ins.rated_before(session_id)
        ]
    with_session = session_id is not None or (existing is not None and existing["session_id"] is not None)
    default_timing = timing or (CheckInTiming.AFTER if session_id is not None else CheckInTiming.STANDALONE)
    if existing is not None:
        default_timing = CheckInTiming(existing["timing"])
    # A check-in with a session is from before or after it; one without is on its own, or before one to come, but
    # not while a safety concern stops every session (an existing "before" check-in keeps its timing).
    offered: tuple[CheckInTiming, ...] = (BEFORE, AFTER) if with_session else (CheckInTiming.STANDALONE, BEFORE)
    keeps_before = existing is not None and default_timing is BEFORE
    if not with_session and not keeps_before and services.safety.standing().concern_stands:
        offered, default_timing = (CheckInTiming.STANDALONE,), CheckInTiming.STANDALONE
    region_labels = _capitalised(labels(Region))
    config = {
        "checkin": existing,
        "session_id": session_id,
        "default_timing": default_timing,
        "rated_before": rated_before,
        "next_url": next,
        "region_labels": region_labels,
        "usual_sides": {region.value: region.usual_side.value for region in Region},
        "checkins_url": "/api/checkins",
        "sensation_help": help_links(request, SENSATIONS, (sensation.value for sensation in Sensation)),
        "journal_url": str(request.url_for("journal_page").path) + "?saved=check-in",
        "today_url": str(request.url_for("today").path),  # where the answer to a worse check-in is shown
    }
    return render(
        request,
        "checkin.html",
        active="checkin_page",
        title="Edit check-in" if existing else "Check-in",
        config=config,
        region_labels=region_labels,
        side_labels=_capitalised(labels(Side)),
        sensation_labels=_capitalised(labels(Sensation)),
        quality_labels=_capitalised(labels(PainQuality)),
        comparisons=list(_capitalised(labels(Comparison)).items()),
        timings=list(_capitalised(labels(offered)).items()),
        default_timing=default_timing,
    )
