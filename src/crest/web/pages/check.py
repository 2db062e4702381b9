"""Check a photo or a video of yourself lying in the position."""

from fastapi import Request
from fastapi.responses import Response

from crest.posture.vocabulary import page_labels
from crest.web.context import PHOTO_MAX_SIDE_PX, size_shown
from crest.web.pages.common import Context, page_router
from crest.web.templating import render

router = page_router()


@router.get("/check", name="check_page")
def check_page(request: Request, context: Context) -> Response:
    limits = context.limits
    return render(
        request,
        "check.html",
        active="check_page",
        max_side_px=PHOTO_MAX_SIDE_PX,
        max_photo_size=size_shown(limits.max_photo_bytes),
        max_video_size=size_shown(limits.max_video_bytes),
        max_video_s=int(limits.max_video_s),
        config={"check_url": "/api/check", **page_labels()},
        # The check coaches lying on the back: not offered while the safety answers advise resting on the side.
        side_lying_only=context.services.safety.standing().side_lying_only,
    )
