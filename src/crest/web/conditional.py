"""Saves made on a condition: that the record is still as the copy the client holds shows it. An edit page sends
the record's fingerprint as it showed it (`?loaded=`), refused with 409 in the page's words once the record has
changed since (`crest.services.fingerprints` keeps the rule)."""

from typing import Annotated

from fastapi import Query

Loaded = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=64,
        description="the record's fingerprint as its edit page showed it (the Check-in and Edit session pages send "
        "it): 409 if it was changed since",
    ),
]
