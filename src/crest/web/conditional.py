"""Saves made on a condition: that the record is still as the copy the client holds shows it. An edit page sends
the record's fingerprint as it showed it (`?loaded=`), refused with 409 in the page's words once the record has
changed since; an API client reads it as the `ETag` of the record's GET and sends it back as `If-Match` (RFC 9110),
refused with 412 Precondition Failed. `crest.services.fingerprints` keeps the rule."""

from typing import Annotated, Any

from fastapi import Depends, Header, Query, Response

from crest.services.fingerprints import Edited, IfMatch, fingerprint
from crest.web.schemas import ErrorOut

Loaded = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=64,
        description="the record's fingerprint as its edit page showed it (the Check-in and Edit session pages send "
        "it): 409 if it was changed since",
    ),
]

# The answers' documentation: the ETag a GET (and a save) gives, and the refusal of an If-Match that no longer matches
ETAG: dict[int | str, dict[str, Any]] = {
    200: {
        "headers": {
            "ETag": {
                "description": "the record's fingerprint as it is now: send it back as If-Match with a PUT or DELETE "
                "so that it saves only while the record is as you read it",
                "schema": {"type": "string"},
            }
        }
    }
}
# ... and a save's refusals: 409 (a page's copy that is old, a record deleted since or kept by a linked crest), 412
REFUSED_SAVES: dict[int | str, dict[str, Any]] = {
    409: {"model": ErrorOut},
    412: {
        "model": ErrorOut,
        "description": "If-Match names none of the record's ETags now: it was changed since it was read; nothing "
        "was changed",
    },
}


def _if_match(
    header: Annotated[
        str | None,
        Header(
            alias="If-Match",
            description="the ETag of the record as you read it (its GET answers it), or * for any: 412 if the "
            "record has another now; without it, saved as before",
        ),
    ] = None,
) -> IfMatch | None:
    """The `If-Match` header as the ETags it names. A weak one (`W/"..."`) never matches, as RFC 9110's strong
    comparison says; one sent without its quotes is read as the tag, as a person typing it in curl means it."""
    if header is None or not header.strip():
        return None
    tags = [tag.strip() for tag in header.split(",")]
    if "*" in tags:
        return IfMatch(any=True)
    return IfMatch(frozenset(tag.strip('"') for tag in tags if not tag.startswith("W/")))


IfMatchHeader = Annotated[IfMatch | None, Depends(_if_match)]


def with_etag(response: Response, record: Edited) -> None:
    """Answer the record's fingerprint as its `ETag`, quoted as HTTP writes one."""
    response.headers["ETag"] = f'"{fingerprint(record)}"'
