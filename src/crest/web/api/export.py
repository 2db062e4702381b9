"""The whole journal as a download, the same files `crest export` writes: JSON, a zip of CSV tables, or FHIR."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response

from crest.interop.fhir import FhirVersion
from crest.web.context import WebContext, web_context
from crest.web.schemas import PLAIN_TEXT_PATTERN

router = APIRouter(tags=["export"])
Context = Annotated[WebContext, Depends(web_context)]
LEFT_OUT_HEADER = "X-Crest-Left-Out"  # the journal's rows that the export left out, when any
MEDIA_TYPES = {"csv": "application/zip", "json": "application/json", "fhir": "application/fhir+json"}


@router.get(
    "/export",
    response_class=Response,
    responses={
        200: {
            "content": {"application/zip": {}, "application/json": {}, "application/fhir+json": {}},
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
        # plain text: a control character is refused by the export itself, which says which one (as crest export
        # --name and the Report page do); the document states the same rule, so a client (and the schema fuzz) reads it
        Query(
            max_length=200,
            description="with fhir: a name for the Patient, plain text (no control characters)",
            json_schema_extra={"pattern": PLAIN_TEXT_PATTERN},
        ),
    ] = None,
) -> Response:
    """The journal's file; a row crest cannot read (edited by hand) is left out and named in `X-Crest-Left-Out`."""
    transfer = context.services.transfer
    day = context.now().astimezone(context.local_zone).date().isoformat()
    stem = f"crest-fhir-{fhir_version}-{day}" if format == "fhir" else f"crest-journal-{day}"
    file_name = transfer.file_name(format, stem)
    data = transfer.export_bytes(format, fhir_version, name)
    headers = {"Content-Disposition": f'attachment; filename="{file_name}"'}
    # The file holds every record that reads; the rows it left out (edited by hand) are named in one line beside it.
    left_out = context.services.left_out()
    if left_out:
        headers[LEFT_OUT_HEADER] = header_text(left_out)
    return Response(data, media_type=MEDIA_TYPES[format], headers=headers)


def header_text(line: str) -> str:
    """`line` as a header may carry it (Latin-1): typographic quotes and dashes as plain ones."""
    plain = line.translate(_PLAIN)
    return plain.encode("latin-1", "replace").decode("latin-1")


_PLAIN = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2013": "-", "\u2014": "-"})
