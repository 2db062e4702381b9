"""The whole journal as a download, the same files `crest export` writes: JSON, or a zip of CSV tables."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Response

from crest.web.context import WebContext, web_context

router = APIRouter(tags=["export"])
Context = Annotated[WebContext, Depends(web_context)]
MEDIA_TYPES = {"csv": "application/zip", "json": "application/json"}


@router.get(
    "/export",
    response_class=Response,
    responses={200: {"content": {"application/zip": {}, "application/json": {}}, "description": "the journal"}},
)
def export(context: Context, format: Literal["csv", "json"] = "json") -> Response:
    transfer = context.services.transfer
    day = context.now().astimezone(context.local_zone).date().isoformat()
    return Response(
        transfer.export_bytes(format),
        media_type=MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{transfer.file_name(format, f"crest-journal-{day}")}"'},
    )
