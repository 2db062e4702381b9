"""The whole journal as a CSV or JSON download, the same files `crest export` writes."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Response

from crest.web.context import WebContext, web_context

router = APIRouter(tags=["export"])
Context = Annotated[WebContext, Depends(web_context)]
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


@router.get(
    "/export",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}, "application/json": {}}, "description": "the journal"}},
)
def export(context: Context, format: Literal["csv", "json"] = "json") -> Response:
    text = context.services.transfer.export_text(format)
    day = context.now().astimezone(context.local_zone).date().isoformat()
    return Response(
        text,
        media_type=MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="crest-journal-{day}.{format}"'},
    )
