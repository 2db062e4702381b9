"""The check-in: pain on a body map by region and side, sensations, a note; new or edited."""

from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import Response

from crest.journal.records import MAX_RECORD_ID
from crest.journal.vocabulary import CheckInTiming, Comparison, Region, Sensation, Side, labels
from crest.knowledge.why_links import SENSATIONS
from crest.web.help_links import help_links
from crest.web.pages.common import Context, page_router
from crest.web.schemas import CheckInOut
from crest.web.templating import render

router = page_router()
# Places in the middle of the body are rated as one; limbs default to both sides until one is chosen.
CENTRAL_REGIONS = (Region.LOWER_BACK, Region.PELVIS, Region.ABDOMEN, Region.UPPER_BACK, Region.NECK)


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
    if checkin_id is not None:
        existing = CheckInOut.of(services.check_ins.get(checkin_id)).model_dump(mode="json")
    elif session_id is not None:
        services.practice.get(session_id)  # a 404 page for a session that does not exist
    region_labels = _capitalised(labels(Region))
    config = {
        "checkin": existing,
        "session_id": session_id,
        "default_timing": timing or (CheckInTiming.AFTER if session_id is not None else CheckInTiming.STANDALONE),
        "next_url": next,
        "region_labels": region_labels,
        "default_sides": {
            region.value: (Side.CENTRE if region in CENTRAL_REGIONS else Side.BOTH).value for region in Region
        },
        "checkins_url": "/api/checkins",
        "sensation_help": help_links(request, SENSATIONS, (sensation.value for sensation in Sensation)),
        "journal_url": str(request.url_for("journal_page").path),
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
        comparisons=list(_capitalised(labels(Comparison)).items()),
        timings=list(_capitalised(labels(CheckInTiming)).items()),
        before_a_session=timing is CheckInTiming.BEFORE,
    )
