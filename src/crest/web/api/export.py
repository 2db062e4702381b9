"""The whole journal as a CSV, JSON or FHIR download, the same files `crest export` writes."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response

from crest.interop.fhir import FhirVersion
from crest.web.context import WebContext, web_context
from crest.web.schemas import PLAIN_TEXT_PATTERN

router = APIRouter(tags=["export"])
Context = Annotated[WebContext, Depends(web_context)]
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json", "fhir": "application/fhir+json"}


@router.get(
    "/export",
    response_class=Response,
    responses={
        200: {
            "content": {"text/csv": {}, "application/json": {}, "application/fhir+json": {}},
            "description": "the journal",
        }
    },
)
def export(
    context: Context,
    format: Literal["csv", "json", "fhir"] = "json",
    fhir_version: FhirVersion = "R5",
    name: Annotated[
        str | None,
        # plain text: the control characters that are not spacing are refused (the schema says so too)
        Query(max_length=200, pattern=PLAIN_TEXT_PATTERN, description="with fhir: a name for the Patient"),
    ] = None,
) -> Response:
    text = context.services.transfer.export_text(format, fhir_version, name)
    day = context.now().astimezone(context.local_zone).date().isoformat()
    file_name = f"crest-fhir-{fhir_version}-{day}.json" if format == "fhir" else f"crest-journal-{day}.{format}"
    return Response(
        text,
        media_type=MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{file_name}"'},
    )
