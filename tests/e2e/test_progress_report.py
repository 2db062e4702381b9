"""Is it helping, in the browser: the Progress summary, the PSFS form, the Report page and its PDF, looked at
on a desktop, a 390x844 phone and in the dark theme. Screenshots and the PDF's pages go to tests/e2e/screenshots/."""

import json
import shutil
import subprocess
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from crest.clock import system_now, system_zone
from support.practice_history import daily_practice

Shoot = Callable[[Any, str], None]
DAYS = 63
PHONE = {"width": 390, "height": 844}
SCREENSHOTS = Path(__file__).parent / "screenshots"


@pytest.fixture(scope="module")
def practised_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over nine weeks of daily practice that ended yesterday (lower back easing from about 7 to 3)."""
    import uvicorn

    from crest.journal.store import Journal
    from crest.web.app import create_app

    home = tmp_path_factory.mktemp("crest-practised")
    url = f"sqlite:///{home / 'crest.db'}"
    zone = system_zone()
    first_day = system_now().astimezone(zone).date() - timedelta(days=DAYS)
    with Journal.open(url) as journal:
        journal.import_contents(daily_practice(first_day, DAYS, zone))
    # Port 0: the system picks a free one, read back once the server listens.
    server = uvicorn.Server(uvicorn.Config(create_app(url), host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the crest server did not start"
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def _page(browser: Any, viewport: dict[str, int], theme: str = "light") -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport=viewport, color_scheme=theme)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return context, page, errors


def _fits(page: Any) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow} px"


@pytest.mark.parametrize(("viewport", "theme"), [({"width": 1100, "height": 900}, "light"), (PHONE, "dark")])
def test_progress_opens_with_the_summary_in_words(
    browser: Any, practised_url: str, screenshot: Shoot, viewport: dict[str, int], theme: str
) -> None:
    context, page, errors = _page(browser, viewport, theme)
    page.goto(f"{practised_url}/progress")
    summary = page.locator(".progress-summary")
    assert summary.locator("h2").inner_text() == "Is it helping?"
    back = summary.locator(".verdict-line", has_text="Lower back (centre)")
    assert back.locator(".verdict-badge").inner_text() == "better"
    assert "→ 3.5 over 9 weeks, a fall that usually matters" in back.inner_text()  # each day once (median_of_days)
    # The summary comes before the charts, and the threshold's source is one click away.
    assert page.locator("main > section").first.get_attribute("class") == "card progress-summary"
    summary.get_by_text("How is this decided?").click()
    assert summary.get_by_text("Farrar JT et al., Pain 2001").is_visible()
    assert "days with a session or check-in" in summary.inner_text()
    # "Is it helping?" answered with green badges never said that the ratings cannot show what changed them.
    assert "A verdict says how the ratings changed, not what changed them" in summary.inner_text()
    _fits(page)
    screenshot(page, f"progress-summary-{theme}-{viewport['width']}")
    assert errors == []
    context.close()


def _focused_name(page: Any) -> str:
    """The accessible name of the mark the keyboard is on (an SVG mark is named by its <title>), checked by role."""
    name = page.evaluate("document.activeElement.querySelector('title').textContent")
    assert page.get_by_role("img", name=name, exact=True).evaluate("mark => mark === document.activeElement")
    return str(name)


@pytest.mark.parametrize(("viewport", "theme"), [({"width": 1100, "height": 900}, "light"), (PHONE, "dark")])
def test_each_chart_is_one_stop_whose_arrow_keys_name_every_mark_as_its_table_does(
    browser: Any, practised_url: str, screenshot: Shoot, viewport: dict[str, int], theme: str
) -> None:
    """The charts' marks could not be reached by keyboard (walk-through): now Tab stops on a chart once, the arrow
    keys move from mark to mark in time order, each named by its value and day as the table under it says them,
    with a focus ring and the same words shown under the chart."""
    context, page, errors = _page(browser, viewport, theme)
    page.goto(f"{practised_url}/progress")
    for title, row_words in (
        ("Pain per place over time", lambda row: f"{row[1]}: median {row[2]}, {row[0]}; ratings {row[3]}"),
        (
            "Sessions per week",
            lambda row: f"Week of {row[0]}: {row[1]} session{'s' * (row[1] != '1')}, {row[2]} minutes",
        ),
    ):
        chart = page.locator("section.chart", has=page.get_by_role("heading", name=title))
        chart.get_by_text("The numbers as a table").click()
        rows = [cells.locator("td").all_inner_texts() for cells in chart.locator("tbody tr").all()]
        chart.get_by_role("heading", name=title).evaluate("heading => { heading.tabIndex = -1; heading.focus(); }")
        page.keyboard.press("Tab")
        first = _focused_name(page)
        # In time order, the single ratings (faint dots) of a week's first days may come before that week's median,
        # marked in the middle of its days: on which weekday the nine weeks start decides it (it failed on a Monday).
        earliest_week = first
        while "/10 on " in earliest_week:
            page.keyboard.press("ArrowRight")
            earliest_week = _focused_name(page)
        assert earliest_week == row_words(rows[0])  # the earliest week, in the table's words
        page.keyboard.press("Home")
        page.keyboard.press("ArrowRight")
        assert _focused_name(page) != first
        page.keyboard.press("End")
        last = _focused_name(page)
        assert chart.locator(".chart-readout").inner_text() == last  # shown as well as read out
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline == "solid"
        page.keyboard.press("Home")
        assert _focused_name(page) == first
        screenshot(page, f"progress-chart-keyboard-{title.split()[0].lower()}-{theme}-{viewport['width']}")
        page.keyboard.press("Tab")  # one stop per chart: on to its table
        assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
        if title == "Sessions per week":
            assert last == row_words(rows[-1])
    # every mark of a chart on screen is named, none left out of the keyboard's way
    unnamed = page.evaluate(
        "[...document.querySelectorAll('.chart svg circle, .chart svg rect')]"
        ".filter(mark => mark.checkVisibility() && !(mark.hasAttribute('tabindex') && mark.querySelector('title')))"
        ".length"
    )
    assert unnamed == 0
    assert errors == []
    context.close()


def test_today_shows_the_one_most_useful_line(browser: Any, practised_url: str, screenshot: Shoot) -> None:
    context, page, errors = _page(browser, PHONE)
    page.goto(f"{practised_url}/")
    line = page.locator(".progress-line")
    assert "Lower back (centre)" in line.inner_text() and "a fall that usually matters" in line.inner_text()
    assert "Farrar 2001; Ostelo 2008" in line.inner_text()
    _fits(page)
    screenshot(page, "today-progress-line-390")
    assert errors == []
    context.close()


def test_psfs_form_by_keyboard_then_the_change(browser: Any, practised_url: str, screenshot: Shoot) -> None:
    context, page, errors = _page(browser, PHONE)
    page.goto(f"{practised_url}/psfs")
    # Every activity still followed is offered again with an empty score, last time's score beside it.
    assert page.get_by_label("What is it?").first.input_value() == "Sitting through a film"
    first_score = page.get_by_label("How well can you do it now? (0-10)").first
    assert first_score.input_value() == ""
    assert page.locator("#last_1").is_visible() and "last time" in page.locator("#last_1").inner_text()
    page.get_by_label("How well can you do it now? (0-10)").first.focus()
    for score in ("8", "9", "6"):
        page.keyboard.press("Control+a")
        page.keyboard.type(score)
        page.keyboard.press("Tab")  # to the next activity's name
        page.keyboard.press("Tab")  # and its score
    screenshot(page, "psfs-form-390")
    page.get_by_role("button", name="Save my ratings").click()
    page.wait_for_url("**/psfs?saved=true")
    assert page.get_by_role("status").inner_text() == "Saved. Thank you."
    change = page.locator(".verdict-line").inner_text()
    assert "Daily activities (PSFS): average" in change and "medium important difference of 2.3" in change
    page.get_by_text("Which figure is used?").click()
    assert page.get_by_text("Stratford P et al.").is_visible()
    _fits(page)
    screenshot(page, "psfs-saved-390")
    assert errors == []
    context.close()


def test_every_psfs_rounds_delete_is_on_a_phones_screen(browser: Any, practised_url: str, screenshot: Shoot) -> None:
    context, page, errors = _page(browser, PHONE, "dark")
    page.goto(f"{practised_url}/psfs")
    deletes = page.locator(".confirm-delete summary")
    assert deletes.count() >= 2
    width = page.evaluate("document.documentElement.clientWidth")
    for index in range(deletes.count()):
        delete = deletes.nth(index)
        delete.scroll_into_view_if_needed()
        box = delete.bounding_box()
        # Whole on the screen and inside its table's box, never behind a sideways scroll.
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, box
        assert delete.evaluate("(summary) => summary.closest('.table-wrap').scrollWidth") <= delete.evaluate(
            "(summary) => summary.closest('.table-wrap').clientWidth"
        )
    deletes.first.click()
    confirm = page.get_by_role("button", name="Yes, delete the ratings of")
    assert confirm.first.is_visible()
    confirm_box = confirm.first.bounding_box()
    assert confirm_box is not None and confirm_box["x"] + confirm_box["width"] <= width
    screenshot(page, "psfs-rounds-390-dark")
    assert errors == []
    context.close()


def test_a_bad_psfs_score_is_explained(browser: Any, practised_url: str) -> None:
    context, page, _ = _page(browser, {"width": 1100, "height": 900})
    page.goto(f"{practised_url}/psfs")
    names, scores = page.get_by_label("What is it?"), page.get_by_label("How well can you do it now? (0-10)")
    for index in range(3):  # the activities offered again start empty: scored here, as a person would
        assert names.nth(index).input_value() != ""
        scores.nth(index).fill("5")
    names.nth(3).fill("Gardening")
    page.get_by_role("button", name="Save my ratings").click()  # no score for it
    assert page.get_by_role("alert").inner_text() == "Not saved yet: see activity 4 below."
    assert page.evaluate("document.activeElement.id") == "score_4"  # the page opens on the field to mend
    assert scores.nth(3).get_attribute("aria-invalid") == "true"
    assert "Give 'Gardening' a score, a whole number from 0 to 10" in page.locator("#score_4-error").inner_text()
    context.close()


def _png_pages(pdf: Path, stem: str) -> list[Path]:
    for old in SCREENSHOTS.glob(f"{stem}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(SCREENSHOTS / stem)], check=True, timeout=120)
    return sorted(SCREENSHOTS.glob(f"{stem}-*.png"))


def test_report_page_and_its_pdf(browser: Any, practised_url: str, screenshot: Shoot, tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm is missing: install Debian's poppler-utils (scripts/setup --test does)")
    context, page, errors = _page(browser, {"width": 1100, "height": 900})
    context.set_default_timeout(60_000)
    page.goto(f"{practised_url}/report")
    report = page.locator(".report-preview .crest-report")
    for heading in ("In short", "Practice", "Pain per place (0-10)", "Safety answers", "How the numbers were computed"):
        assert report.get_by_role("heading", name=heading).is_visible(), heading
    assert "Not included" in report.locator("#r-notes + p").inner_text()
    page.get_by_label("Include my notes").check()
    page.get_by_role("button", name="Update").click()
    page.wait_for_url("**notes=true**")
    assert "Lots of yawning today." in page.locator(".report-preview").inner_text()
    screenshot(page, "report-page")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download PDF").click()
    pdf = tmp_path / "report.pdf"
    download_info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for words in ("Report for your clinician", "not medical advice", "a fall that usually matters", "Appendix"):
        assert words in text, words
    pages = _png_pages(pdf, "report-pdf-page")
    assert len(pages) >= 2
    first = np.asarray(Image.open(pages[0]).convert("L"))
    assert first.shape[0] > first.shape[1]  # portrait
    assert (first < 128).mean() > 0.01  # ink on the page: text and the chart, not a blank sheet
    assert errors == []
    context.close()


def test_report_downloads_take_the_form_as_it_is_now(browser: Any, practised_url: str, tmp_path: Path) -> None:
    """Notes unticked and a day changed without Update: the PDF and the HTML leave the notes out and keep the day."""
    context, page, errors = _page(browser, {"width": 1100, "height": 900})
    context.set_default_timeout(60_000)
    page.goto(f"{practised_url}/report?notes=true")
    assert "Lots of yawning today." in page.locator(".report-preview").inner_text()
    page.get_by_label("Include my notes").uncheck()
    since = (system_now().astimezone(system_zone()).date() - timedelta(days=20)).isoformat()
    page.get_by_label("From", exact=True).fill(since)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download PDF").click()
    assert "notes=" not in download_info.value.url and f"since={since}" in download_info.value.url
    pdf = tmp_path / "report.pdf"
    download_info.value.save_as(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Lots of yawning today." not in text and "Report for your clinician" in text
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download HTML").click()
    assert download_info.value.suggested_filename.startswith(f"crest-report-{since}-to-")
    html = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert "Lots of yawning today." not in html and "Report for your clinician" in html
    assert page.url.endswith("/report?notes=true")  # the page itself stays as it was
    assert errors == []
    context.close()


def test_report_on_a_phone_in_the_dark(browser: Any, practised_url: str, screenshot: Shoot) -> None:
    context, page, errors = _page(browser, PHONE, "dark")
    page.goto(f"{practised_url}/report")
    assert page.get_by_role("button", name="Download PDF").is_visible()
    _fits(page)
    # The pain table does not run off the preview (a cut table hides that it scrolls): each place is a card
    # whose every figure lies within the preview, under its column's name.
    cells = page.locator(".crest-report table.pain tbody tr:first-child > *").evaluate_all(
        "cells => { const preview = cells[0].closest('.report-preview').getBoundingClientRect();"
        " return cells.map(cell => [getComputedStyle(cell, '::before').content, cell.getBoundingClientRect().right"
        " <= preview.right]); }"
    )
    labels = [label for label, _ in cells[1:]]
    assert labels == ['"First 7 days: "', '"Last 7 days: "', '"Change: "', '"Verdict: "', '"Highest: "'], cells
    assert all(inside for _, inside in cells), cells
    # So is the appendix's table of the days, one column a place: it ran 570 px wide in the 324 px preview.
    days = page.locator(".crest-report table.data tbody tr:first-child > *").evaluate_all(
        "cells => { const preview = cells[0].closest('.report-preview').getBoundingClientRect();"
        " return cells.map(cell => [getComputedStyle(cell, '::before').content, cell.getBoundingClientRect().right"
        " <= preview.right]); }"
    )
    assert [label for label, _ in days[1:4]] == ['"Sessions: "', '"Minutes: "', '"Check-ins: "'], days
    assert len(days) > 4 and all(inside for _, inside in days), days
    screenshot(page, "report-page-dark-390")
    page.get_by_label("FHIR version").select_option("R4B")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download FHIR file").click()
    assert download_info.value.suggested_filename.startswith("crest-fhir-R4B-")
    bundle = json.loads(Path(download_info.value.path()).read_text(encoding="utf-8"))
    assert bundle["resourceType"] == "Bundle" and "name" not in bundle["entry"][0]["resource"]
    assert errors == []
    context.close()


def test_a_long_activity_name_keeps_its_scores_in_the_report(
    browser: Any, fresh_server_url: str, tmp_path: Path
) -> None:
    """An activity named by one long word (up to 120 characters, no space to wrap at) wraps in the report's daily
    activities table; its scores and change stay in view (the table ran 2,135 px wide in a 324 px preview, every
    score cut off, on the page and in the PDF)."""
    name = "W" * 100
    for score in (4, 6):
        request = urllib.request.Request(
            f"{fresh_server_url}/api/psfs",
            data=json.dumps({"activities": [{"name": name, "score": score}]}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request):
            pass
    context, page, errors = _page(browser, PHONE, "dark")
    page.goto(f"{fresh_server_url}/report")
    row = page.locator("#r-psfs ~ table tbody tr", has_text="WWW")
    inside = row.locator("> *").evaluate_all(
        "cells => { const preview = cells[0].closest('.report-preview').getBoundingClientRect();"
        " return cells.map(cell => cell.getBoundingClientRect().right <= preview.right); }"
    )
    assert inside == [True, True, True, True], inside
    assert errors == []
    context.close()
    with urllib.request.urlopen(f"{fresh_server_url}/report.pdf") as response:
        pdf = tmp_path / "report.pdf"
        pdf.write_bytes(response.read())
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    average = next(line for line in text.splitlines() if line.strip().startswith("Average"))
    assert average.split()[1:4] == ["4.0", "6.0", "+2.0"], average  # pdftotext drops what lies off the page
