"""Settings > Your data in the browser: delete everything only after typing "delete", then restore the backup."""

import json
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

Shoot = Callable[[Any, str], None]


def _get(base: str, path: str) -> Any:
    with urllib.request.urlopen(f"{base}{path}") as response:
        return json.load(response)


def test_delete_everything_then_restore_from_the_backup(
    browser: Any, server_url: str, screenshot: Shoot, answer_safety: Shoot, tmp_path: Path
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme="dark")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    answer_safety(page, server_url)
    page.goto(f"{server_url}/checkin")
    page.get_by_role("button", name="Foot, left").click()
    page.get_by_label("Pain in foot, 0 to 10").fill("4")
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_url("**/journal?saved=check-in")

    page.goto(f"{server_url}/settings")
    with page.expect_download() as download:
        page.get_by_role("link", name="Export JSON").click()
    backup = tmp_path / "backup.json"
    download.value.save_as(backup)
    assert json.loads(backup.read_text())["check_ins"][0]["pain"][0]["region"] == "foot"

    page.get_by_label("Type delete to confirm").fill("yes")
    page.get_by_role("button", name="Delete all my data").click()
    page.get_by_role("alert").filter(has_text="Nothing was deleted").wait_for()
    assert len(_get(server_url, "/api/checkins")) == 1
    page.get_by_label("Type delete to confirm").fill("delete")
    page.get_by_role("button", name="Delete all my data").click()
    page.get_by_role("status").filter(has_text="Everything is deleted").wait_for()
    assert _get(server_url, "/api/checkins") == []
    screenshot(page, "settings-deleted-phone-dark")

    page.get_by_label("A file from Export (.json or .zip)").set_input_files(str(backup))
    page.get_by_role("button", name="Restore").click()
    page.get_by_role("status").filter(has_text="Restored: 1 check-in").wait_for()
    assert [c["pain"][0]["region"] for c in _get(server_url, "/api/checkins")] == ["foot"]

    page.get_by_label("A file from Export (.json or .zip)").set_input_files(str(backup))
    page.get_by_role("button", name="Restore").click()
    page.get_by_role("alert").filter(has_text="is not empty").wait_for()
    page.get_by_label("A file from Export (.json or .zip)").set_input_files(str(backup))
    page.get_by_label("Add it to what is already here").check()
    page.get_by_role("button", name="Restore").click()
    nothing_new = "Nothing to add: every record in backup.json is already here."
    page.get_by_role("status").filter(has_text=nothing_new).wait_for()
    assert len(_get(server_url, "/api/checkins")) == 1
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    screenshot(page, "settings-your-data-phone-dark")
    assert errors == []
    context.close()


def test_a_long_unknown_time_zone_is_refused_within_a_phone(browser: Any, server_url: str) -> None:
    """The refusal of a time zone that is one long word (pasted by mistake) wraps; the page never scrolls sideways
    (it did by thousands of px, the word repeated whole)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme="dark")
    page = context.new_page()
    page.goto(f"{server_url}/settings")
    page.get_by_label("Time zone").fill("W" * 300)
    page.get_by_role("button", name="Save settings").click()
    page.get_by_text("unknown time zone").wait_for()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px"
    context.close()
