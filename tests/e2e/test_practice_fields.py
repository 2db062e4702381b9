"""Practice pages' fields look alike whatever they take: an email, a password, a day or a time has the same
background, text colour, border and padding as a name or a number, in the light theme and the dark one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

STATIC = Path(__file__).parents[2] / "src" / "crest" / "web" / "static"
KINDS = ("text", "number", "email", "password", "date", "time")
LOOKS = ("background-color", "color", "border-top-color", "border-top-width", "border-top-left-radius", "padding-left")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_kind_of_field_looks_alike(browser: Any, scheme: str) -> None:
    """Both style sheets as a practice page loads them, crest.css first; one field of each kind in a form."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    sheets = "".join(f"<style>{(STATIC / name).read_text()}</style>" for name in ("crest.css", "practice.css"))
    fields = "".join(f'<input id="{kind}" type="{kind}">' for kind in KINDS)
    page.set_content(f"<!doctype html><html><head>{sheets}</head><body><main><form class='card narrow'>{fields}")
    looks = {
        kind: page.eval_on_selector(f"#{kind}", f"e => {list(LOOKS)}.map(p => getComputedStyle(e).getPropertyValue(p))")
        for kind in KINDS
    }
    context.close()
    assert all(look == looks["text"] for look in looks.values()), looks
