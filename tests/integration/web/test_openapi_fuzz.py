"""Schemathesis throws generated requests at every API route: none may end in a server error, and every answer
must match the documented schema."""

from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from crest.web.app import create_app
from crest.web.context import UploadLimits


def _app() -> object:
    # Each run gets its own journal; the pose model is never needed because no generated upload is a real photo.
    home = Path(__import__("tempfile").mkdtemp(prefix="crest-fuzz-"))
    return create_app(f"sqlite:///{home / 'crest.db'}", limits=UploadLimits(max_upload_bytes=200_000))


SERVED_AS = {"Host": "127.0.0.1"}  # a name crest is served as (crest.web.guard)
schema = schemathesis.openapi.from_asgi("/openapi.json", _app(), headers=SERVED_AS)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_route_fails_on_generated_input(case: schemathesis.Case) -> None:
    case.call_and_validate(headers=SERVED_AS, checks=[not_a_server_error, response_schema_conformance])
