"""Schemathesis throws generated requests at every API route with all its checks (`--checks all`): no server
error, every answer as documented, schema-valid input accepted and schema-violating input refused, 405 with the
right `Allow` (issue 9.9); and a refused request leaves the journal as it was. Examples are bounded so the suite
stays quick."""

import contextlib
import sqlite3
import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from crest.web.app import create_app
from crest.web.context import UploadLimits

# Each run gets its own journal; the pose model is never needed because no generated upload is a real photo.
JOURNAL = Path(tempfile.mkdtemp(prefix="crest-fuzz-")) / "crest.db"
SERVED_AS = {"Host": "127.0.0.1"}  # a name crest is served as (crest.web.guard)
schema = schemathesis.openapi.from_asgi(
    "/openapi.json",
    create_app(f"sqlite:///{JOURNAL}", limits=UploadLimits(max_photo_bytes=200_000, max_video_bytes=200_000)),
    headers=SERVED_AS,
)
# Rules no JSON Schema can state, so schema-valid input may (rightly) get a 422: whether an upload is a photo, that a
# round of daily activities names each activity once (whatever its case and spacing), and that a session logged
# afterwards has ended by now (a time compared with the clock), that a session's breath reading is one crest
# could have made (its rate the median of its windows, the windows in order), and that a check-in says something,
# names the session it follows and has happened by now, that a chosen start of progress is not after today, and
# that a save's If-Match names the record's ETag as it is now (412 otherwise), and that a second reminder time differs
# from the first (in Settings and in a calendar file asked for).
CONTENT_BEYOND_THE_SCHEMA = {
    path: [positive_data_acceptance]
    for path in (
        "/api/check",
        "/api/psfs",
        "/api/sessions/logged",
        "/api/sessions/{session_id}/finish",
        "/api/sessions/{session_id}/checkpoint",
        "/api/sessions/{session_id}",
        "/api/checkins",
        "/api/checkins/{checkin_id}",
        "/api/checkin-signs",
        "/api/progress",
        "/api/settings",
        "/api/reminder.ics",
    )
}


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_route_conforms_to_its_schema(case: schemathesis.Case) -> None:
    before = _journal()
    response = case.call_and_validate(headers=SERVED_AS, excluded_checks=CONTENT_BEYOND_THE_SCHEMA.get(case.path, []))
    if response.status_code >= 400:
        assert _journal() == before, "a refused request changed the journal"


def _journal() -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, read straight from the file (the journal's own export would cost 40x more)."""
    with contextlib.closing(sqlite3.connect(f"file:{JOURNAL}?mode=ro", uri=True)) as database:
        tables = [name for (name,) in database.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {table: sorted(database.execute(f'SELECT * FROM "{table}"'), key=repr) for table in tables}
