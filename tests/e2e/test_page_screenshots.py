"""Every page, over a journal with a few weeks in it, at desktop and phone size, in both themes: no console errors,
no sideways scrolling, charts drawn as lines (never filled) with readable text and two tab stops each
(the marks, one stop for all, and the numbers as a table). Screenshots go
to tests/e2e/screenshots/."""

import io
from collections.abc import Callable
from typing import Any

import pytest
from PIL import Image

from support.journal_api import seed_weeks_of_practice

PAGES = (
    "/",
    "/safety",
    "/session?minutes=5",
    "/checkin",
    "/journal",
    "/progress",
    "/psfs",
    "/report",
    "/check",
    "/settings",
    "/help",
    "/help/yawning",
)
DARK_BACKGROUND = "rgb(21, 24, 28)"
SIZES = {
    "desktop": {"viewport": {"width": 1100, "height": 800}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
}
SMALLEST_CHART_TEXT_PX = 11.0
Shoot = Callable[[Any, str], None]

# Anything that makes a reader scroll sideways: the page itself, a box of controls that scrolls inside it (the
# Journal's Delete once sat off-screen), a control cut off. A table of numbers alone may scroll within its own box:
# reflow (WCAG 1.4.10) exempts content that needs two dimensions.
CONTROLS = "a, button, input, select, textarea, summary"
SIDEWAYS_PROBLEMS = """(controls) => {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) problems.push(`the page is ${root.scrollWidth} px wide`);
  for (const element of document.querySelectorAll("body *")) {
    if (!element.getClientRects().length || element.closest(".skip-link, .visually-hidden")) continue;
    const name = `${element.tagName.toLowerCase()}.${element.className.baseVal ?? element.className}`;
    const overflow = getComputedStyle(element).overflowX;
    const scrolls = (overflow === "auto" || overflow === "scroll") && element.scrollWidth > element.clientWidth + 1;
    if (scrolls && element.querySelector(controls)) problems.push(`${name} scrolls sideways over controls`);
    if (element.matches(controls)) {
      const box = element.getBoundingClientRect();
      if (box.left < -1 || box.right > root.clientWidth + 1)
        problems.push(`${name} "${element.textContent.trim()}" is cut off`);
    }
  }
  return problems;
}"""

# Buttons that touch read as one and invite the wrong tap: each keeps a few pixels from the next (on a phone, the
# Journal's four buttons once wrapped onto each other's borders).
BUTTONS_APART_PX = 4
TOUCHING_BUTTONS = """(apart) => {
  const boxes = [...document.querySelectorAll("button, a.button")]
    .filter((button) => button.getClientRects().length)
    .map((button) => [button.textContent.trim().replace(/\\s+/g, " "), button.getBoundingClientRect()]);
  const problems = [];
  boxes.forEach(([name, box], i) => {
    for (const [other, next] of boxes.slice(i + 1)) {
      const gap = Math.max(next.left - box.right, box.left - next.right, next.top - box.bottom, box.top - next.bottom);
      if (gap < apart) problems.push(`"${name}" and "${other}" are ${gap.toFixed(1)} px apart`);
    }
  });
  return problems;
}"""

# Points of the area each line's fill would paint (inside its outline, off its stroke), in device pixels.
FILL_AREAS = """(scale) => [...document.querySelectorAll(".chart polyline")]
  .filter((line) => line.getClientRects().length)
  .map((line) => {
    const box = line.getBBox();
    const matrix = line.getScreenCTM();
    const samples = [];
    for (let i = 1; i < 24; i++) {
      for (let j = 1; j < 24; j++) {
        const point = new DOMPoint(box.x + (box.width * i) / 24, box.y + (box.height * j) / 24);
        if (!line.isPointInFill(point) || line.isPointInStroke(point)) continue;
        const onScreen = point.matrixTransform(matrix);
        samples.push([Math.round(onScreen.x * scale), Math.round(onScreen.y * scale)]);
      }
    }
    return { stroke: getComputedStyle(line).stroke, fill: getComputedStyle(line).fill, samples };
  })
  .filter((line) => line.samples.length >= 10)"""
MOST_PAINTED_SHARE = 0.25  # a dot, a grid line or another line may cross the area; a fill covers all of it

SMALL_CHART_TEXT = """(least) => [...document.querySelectorAll(".chart svg text")]
  .filter((text) => text.getClientRects().length)
  .map((text) => {
    const svg = text.ownerSVGElement;
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return [text.textContent, parseFloat(getComputedStyle(text).fontSize) * scale];
  })
  .filter(([, size]) => size < least)"""

TAB_STOPS_IN_CHARTS = """() => [...document.querySelectorAll(".chart *")].filter(
  (element) => element.tabIndex >= 0 && element.getClientRects().length &&
    (element.matches("a[href], button, input, select, textarea, summary") || element.hasAttribute("tabindex"))
).length"""


def _name(path: str) -> str:
    return path.strip("/").split("?")[0].replace("/", "-") or "today"


@pytest.fixture(scope="module")
def seeded_url(server_url: str) -> str:
    seed_weeks_of_practice(server_url)
    return server_url


def _rgb(css: str) -> tuple[int, ...]:
    return tuple(int(part) for part in css.removeprefix("rgb(").removesuffix(")").split(","))


def _assert_lines_are_not_filled(page: Any) -> None:
    page.locator(".chart polyline:visible").first.scroll_into_view_if_needed()
    lines = page.evaluate(FILL_AREAS, page.evaluate("devicePixelRatio"))
    assert lines, "the pain chart should draw a line that encloses an area"
    picture = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    for line in lines:
        assert line["fill"] == "none", line
        stroke = _rgb(line["stroke"])
        inside = [(x, y) for x, y in line["samples"] if 0 <= x < picture.width and 0 <= y < picture.height]
        seen = [picture.getpixel(point) for point in inside]
        painted = [pixel for pixel in seen if max(abs(a - b) for a, b in zip(pixel, stroke, strict=True)) < 40]
        assert seen and len(painted) <= MOST_PAINTED_SHARE * len(seen), f"the area under a line is painted: {line}"


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_page_renders_at_each_size_in_both_themes(
    browser: Any, seeded_url: str, theme: str, size: str, screenshot: Shoot, answer_safety: Shoot
) -> None:
    context = browser.new_context(color_scheme=theme, **SIZES[size])
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    answer_safety(page, seeded_url)
    for path in PAGES:
        response = page.goto(f"{seeded_url}{path}")
        assert response is not None and response.status == 200, path
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert (background == DARK_BACKGROUND) == (theme == "dark"), (path, background)
        page.evaluate("document.querySelectorAll('details').forEach((details) => { details.open = true; })")
        assert page.evaluate(SIDEWAYS_PROBLEMS, CONTROLS) == [], (path, size)
        assert page.evaluate(TOUCHING_BUTTONS, BUTTONS_APART_PX) == [], (path, size)
        if path == "/progress":
            _assert_lines_are_not_filled(page)
            assert page.evaluate(SMALL_CHART_TEXT, SMALLEST_CHART_TEXT_PX) == []
            # per chart: its marks (one stop, the arrow keys move between them) and its "numbers as a table"
            assert page.evaluate(TAB_STOPS_IN_CHARTS) == 6
        screenshot(page, f"{_name(path)}-{theme}-{size}")
    assert errors == []
    context.close()


def test_pages_fit_at_200_percent_zoom(browser: Any, seeded_url: str, screenshot: Shoot, answer_safety: Shoot) -> None:
    # A 640 px wide window at device scale 2 is what a 1280 px screen shows at 200% zoom.
    context = browser.new_context(viewport={"width": 640, "height": 800}, device_scale_factor=2)
    page = context.new_page()
    answer_safety(page, seeded_url)
    for path in PAGES:
        page.goto(f"{seeded_url}{path}")
        assert page.evaluate(SIDEWAYS_PROBLEMS, CONTROLS) == [], path
        screenshot(page, f"{_name(path)}-zoom200")
    context.close()
