"""An API route's answers checked against its OpenAPI document: each status documented, each body valid against the
schema documented for it (JSON Schema 2020-12, as OpenAPI 3.1; schemathesis validates with jsonschema_rs too)."""

from collections.abc import Iterable
from typing import Any

import httpx
import jsonschema_rs


def assert_each_documented(schema: dict[str, Any], path: str, answers: Iterable[httpx.Response]) -> None:
    """Every answer of POST `path` is documented there, with its body valid; a 429 names its Retry-After."""
    documented = schema["paths"][path]["post"]["responses"]
    for answer in answers:
        said = documented.get(str(answer.status_code))
        assert said is not None, (answer.status_code, answer.text)
        body = said["content"]["application/json"]["schema"]
        validator = jsonschema_rs.Draft202012Validator({**body, "components": schema["components"]})
        assert validator.is_valid(answer.json()), (answer.status_code, answer.json())
        if answer.status_code == 429:
            assert "Retry-After" in said["headers"] and int(answer.headers["retry-after"]) > 0
