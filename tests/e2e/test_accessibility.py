"""axe-core (node_modules, from package-lock.json) over every page of the local app and of a practice, in each state a
person meets (a session step by step, the running timer, the check-in after it, a photo's result, the help's answers),
at phone and desktop size, light and dark: any WCAG 2.1 A or AA violation, or a best practice broken, fails.

axe is a test tool: Playwright hands its source to the page under test; crest never serves it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest

from support.journal_api import call, seed_weeks_of_practice
from support.practice_web import PASSWORD, World

AXE = Path(__file__).parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PHOTO = Path(__file__).parents[1] / "fixtures" / "photos" / "one_knee_to_chest_0.jpg"
RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}
# Each violation as one line: the rule, what it asks, and where (the element and axe's reason).
RUN_AXE = """async (options) => (await axe.run(document, options)).violations.flatMap((rule) =>
  rule.nodes.map((node) => `${rule.id} (${rule.help}): ${node.target.join(" ")}: ${node.failureSummary}`)
    .map((line) => line.replace(/\\s+/g, " ")))"""
# axe leaves out non-text contrast (WCAG 1.4.11): a field is found by its border, which needs 3:1 against what is
# inside it and around it, and a chart's place by its legend's swatch, which needs 3:1 against what is around it.
# Ticks, radios and sliders are drawn by the browser.
FAINT_MARKS = """() => {
  const rgb = (css) => css.match(/[\\d.]+/g).map(Number);
  const luminance = (colour) => colour.slice(0, 3).map((value) => value / 255)
    .map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  };
  const backdrop = (element) => {
    for (let e = element; e; e = e.parentElement) {
      const colour = rgb(getComputedStyle(e).backgroundColor);
      if (colour.length < 4 || colour[3] > 0) return colour;
    }
    return [255, 255, 255];
  };
  const seen = (selector) => [...document.querySelectorAll(selector)].filter((e) => e.getClientRects().length);
  const fields = "input:not([type=checkbox], [type=radio], [type=range], [type=hidden]), select, textarea";
  const faintFields = seen(fields).flatMap((field) => {
    const border = rgb(getComputedStyle(field).borderTopColor);
    const least = Math.min(ratio(border, backdrop(field)), ratio(border, backdrop(field.parentElement)));
    return least < 3 ? [`${field.tagName.toLowerCase()}#${field.id || field.name}: border ${least.toFixed(2)}:1`] : [];
  });
  const faintSwatches = seen(".legend .swatch").flatMap((swatch) => {
    const least = ratio(rgb(getComputedStyle(swatch).backgroundColor), backdrop(swatch.parentElement));
    const place = swatch.parentElement.textContent.trim();
    return least < 3 ? [`the legend's swatch of "${place}": ${least.toFixed(2)}:1`] : [];
  });
  return [...faintFields, ...faintSwatches];
}"""
# A control the person taps is 24 px each way at least (WCAG 2.2 2.5.8), a hand in pain being less sure: links in
# running text are left out (the criterion's inline exception), and ticks and radios, whose labels take the tap too.
SMALL_TARGETS = """() => [...document.querySelectorAll(
  "button, .button, summary, select, input:not([type=checkbox], [type=radio], [type=hidden], [type=range])"
)].filter((target) => target.getClientRects().length).flatMap((target) => {
  const box = target.getBoundingClientRect();
  const name = `${target.tagName.toLowerCase()} "${target.textContent.trim().slice(0, 40)}"`;
  return box.width < 24 || box.height < 24 ? [`${name}: ${box.width.toFixed(0)}x${box.height.toFixed(0)} px`] : [];
})"""
# A browser that will not keep the screen on (a battery saver): the timer says so.
REFUSE_WAKE_LOCK = """() => {
  navigator.wakeLock.request = () => Promise.reject(new DOMException("Battery saver", "NotAllowedError"));
}"""
# After a key press the focused control must be on screen with its focus ring (WCAG 2.4.7, 2.4.11).
FOCUS_HIDDEN = """() => {
  const focused = document.activeElement;
  if (!focused || focused === document.body) return "nothing has focus";
  const box = focused.getBoundingClientRect();
  const name = `${focused.tagName.toLowerCase()}#${focused.id}`;
  if (box.bottom > innerHeight + 1 || box.top < -1) return `${name} is off screen`;
  const style = getComputedStyle(focused);
  // The body map's places draw their focus as a thicker outline of the shape itself (crest.css).
  const ringed = focused instanceof SVGElement ? parseFloat(style.strokeWidth) >= 3 : style.outlineStyle !== "none";
  return ringed ? "" : `${name} shows no focus ring`;
}"""
SIZES = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}
SPEED = 100  # a 5-minute rest in 3 seconds: long enough to read the running timer


@dataclass
class Audit:
    page: Any
    source: str
    found: list[str] = field(default_factory=list)

    def check(self, where: str) -> None:
        """Every violation on the page as it is now, under `where`; closed <details> are opened first."""
        self.page.evaluate("document.querySelectorAll('details').forEach((details) => { details.open = true; })")
        if not self.page.evaluate("typeof axe !== 'undefined'"):
            self.page.evaluate(self.source)
        self.found += [f"{where}: {line}" for line in self.page.evaluate(RUN_AXE, RULES)]
        self.found += [f"{where}: non-text contrast: {line}" for line in self.page.evaluate(FAINT_MARKS)]
        self.found += [f"{where}: under 24 px: {line}" for line in self.page.evaluate(SMALL_TARGETS)]

    def press(self, key: str, where: str) -> None:
        """Press `key` on what has focus, as someone on a keyboard alone; the focus must stay seen."""
        self.page.keyboard.press(key)
        if problem := self.page.evaluate(FOCUS_HIDDEN):
            self.found.append(f"{where}: {problem}")

    def visit(self, url: str, where: str) -> None:
        self.page.goto(url)
        self.check(where)


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail("axe-core is missing: `npm ci` installs it from package-lock.json (scripts/setup --test does)")
    return AXE.read_text()


@pytest.fixture(scope="module")
def seeded_url(server_url: str) -> str:
    seed_weeks_of_practice(server_url)
    call(server_url, "POST", "/api/psfs", {"activities": [{"name": "sitting", "score": 4}]})
    return server_url


@pytest.fixture(scope="module")
def practice(
    built_practice: World, tmp_path_factory: pytest.TempPathFactory, serve_app: Callable[[Any], str]
) -> Iterator[tuple[str, World]]:
    """The practice of support.practice_web (an admin, practitioners, clients with data), served on its own clock."""
    from crest.accounts.passwords import TEST_COST
    from crest.web.app import create_app
    from crest.web.practice_app import PracticeOptions

    folder = tmp_path_factory.mktemp("practice")
    world = built_practice.copied_to(folder)
    options = PracticeOptions(password_cost=TEST_COST)
    yield serve_app(create_app(world.copy_to(folder), clock=world.clock, local_zone=UTC, practice=options)), world


def _walk_local_app(audit: Audit, base: str) -> None:
    page = audit.page
    for path in ("/", "/safety", "/journal", "/progress", "/psfs", "/report", "/settings", "/session/log"):
        audit.visit(f"{base}{path}", path)
    audit.visit(f"{base}/help/yawning", "help entry")
    audit.visit(f"{base}/help?q=chest+pain+and+numb+legs", "help answers (warning sign)")
    audit.visit(f"{base}/no-such-page", "error page (404)")
    audit.visit(f"{base}/session/edit?session_id=999999", "error page (no such session)")

    page.goto(f"{base}/help")
    page.get_by_label("Ask a question in your own words").fill("yawning")
    page.locator("#help-results article").first.wait_for()
    audit.check("help answers as you type")

    page.goto(f"{base}/checkin")
    audit.check("check-in")
    page.get_by_role("button", name="Lower back", exact=True).click()
    page.get_by_label("Pain in lower back, 0 to 10").fill("3")
    audit.check("check-in with a place rated")

    page.goto(f"{base}/check")
    audit.check("check a photo")
    page.get_by_label("Photo or video").set_input_files(str(PHOTO))
    page.get_by_role("button", name="Check").click()
    page.locator("#check-result").wait_for(state="visible", timeout=60_000)
    audit.check("check a photo: the result")

    # The whole session and the check-in after it on a keyboard alone: Tab to a control, Enter or Space on it.
    page.goto(f"{base}/session?minutes=5&speed={SPEED}")
    audit.check("session: first step")
    _tab_to(audit, "#step-next")
    while not page.locator("#stage-ready").is_visible():
        audit.press("Enter", "session: Next")
    audit.check("session: ready")
    audit.press("Enter", "session: Start the rest")  # Start the rest has the focus
    page.locator("#stage-timer").wait_for(state="visible")
    audit.check("session: the running timer")
    audit.press("Space", "session: Pause")
    audit.check("session: paused")
    audit.press("Space", "session: Resume")
    page.get_by_role("heading", name="Well done").wait_for(timeout=15_000)
    audit.check("session: done")
    _tab_to(audit, "#checkin-link")
    with page.expect_navigation():  # to the check-in page, where nothing has focus yet
        page.keyboard.press("Enter")
    audit.check("check-in after the session")
    _tab_to(audit, ".region")
    audit.press("Enter", "check-in: a place on the body map")  # its rating has the focus: arrows set it
    audit.press("ArrowRight", "check-in: the rating")
    _tab_to(audit, 'input[value="yawning"]')
    audit.press("Space", "check-in: Yawning")
    _tab_to(audit, 'button[type="submit"]')
    audit.press("Enter", "check-in: Save check-in")
    page.locator("#checkin-saved").wait_for(state="visible")
    audit.check("check-in after the session: saved")
    _walk_rest_troubles(audit, base)


def _walk_rest_troubles(audit: Audit, base: str) -> None:
    """A rest in a browser that will not keep the screen on, a save that fails, then the rest offered again after a
    reload, and ended there."""
    page = audit.page
    page.goto(f"{base}/session?minutes=5&speed=5")  # a minute: time enough for all below
    while not page.locator("#stage-ready").is_visible():
        page.locator("#step-next").click()
    page.evaluate(REFUSE_WAKE_LOCK)
    page.get_by_role("button", name="Start the rest").click()
    page.locator("#screen-status").get_by_text("not keeping the screen on").wait_for()
    audit.check("session: the screen not kept on")
    refused = {"status": 503, "content_type": "application/json", "body": '{"detail": "crest is busy"}'}
    page.route("**/checkpoint*", lambda route: route.fulfill(**refused))
    page.locator("#save-status").get_by_text("Not saved yet").wait_for()
    audit.check("session: a save that failed")
    page.unroute("**/checkpoint*")
    page.once("dialog", lambda dialog: dialog.accept())  # leave the running timer: yes
    page.reload()
    page.get_by_role("heading", name="Your session is still open").wait_for()
    audit.check("session: the rest offered again")
    page.get_by_role("button", name="End it here").click()
    page.locator("#stage-done").wait_for(state="visible")


def _tab_to(audit: Audit, selector: str) -> None:
    for _ in range(60):
        audit.press("Tab", f"Tab towards {selector}")
        if audit.page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"Tab never reaches {selector}")


def _walk_practice(audit: Audit, base: str, world: World) -> None:
    from crest.web.practice_door import COOKIE_NAME

    context = audit.page.context
    context.clear_cookies()
    audit.visit(f"{base}/login", "practice: sign in")
    audit.visit(f"{base}/invite/{world.invite_codes['anonymous']}", "practice: an invitation")
    audit.visit(f"{base}/reset/{world.reset_codes['anonymous']}", "practice: a password link")
    audit.visit(f"{base}/invite/not-a-code", "practice: a wrong invitation")
    client, membership = world.ids["client"], world.ids["practitioner_membership"]
    audit.page.goto(f"{base}/login")  # a practitioner's password: then the page that asks the app's code
    audit.page.get_by_label("Email").fill("pat@clinic.example")
    audit.page.get_by_label("Password").fill(PASSWORD)
    audit.page.get_by_role("button", name="Sign in").click()
    audit.page.wait_for_url("**/login/code")
    audit.check("practice: the code step of signing in")
    pages = {
        "admin": (
            "/practice/admin",
            f"/practice/admin/practitioners/{membership}/remove",
            f"/practice/admin/practitioners/{membership}/two-factor/reset",
            "/account",
            "/account/two-factor",
        ),
        "linked_practitioner": ("/practice", f"/practice/clients/{client}", f"/practice/clients/{client}/end"),
        "client_a": ("/", "/sharing", "/account", "/progress", "/journal", "/account/two-factor"),
        "enrolling_practitioner": ("/account/two-factor",),
    }
    for actor, paths in pages.items():
        context.clear_cookies()
        context.add_cookies([{"name": COOKIE_NAME, "value": world.tokens[actor], "url": base}])
        for path in paths:
            audit.visit(f"{base}{path}", f"practice, {actor}: {path}")
        if actor == "enrolling_practitioner":  # setting it up: the QR code and the key (started once, then shown)
            start = audit.page.get_by_role("button", name="Set up two-step sign-in")
            if start.count():
                start.click()
            audit.page.locator("svg.qr-code").wait_for()
            audit.check("practice, a practitioner setting up two-step sign-in")
        elif actor != "client_a":
            audit.page.goto(f"{base}{paths[0]}")
            audit.page.get_by_role("button", name="Create an invitation link").click()
            audit.page.get_by_label("Invitation link").wait_for()
            audit.check(f"practice, {actor}: an invitation link made")


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_no_page_breaks_an_accessibility_rule(
    browser: Any, seeded_url: str, practice: tuple[str, World], axe_source: str, theme: str, size: str
) -> None:
    context = browser.new_context(color_scheme=theme, **SIZES[size])
    audit = Audit(context.new_page(), axe_source)
    _walk_local_app(audit, seeded_url)
    _walk_practice(audit, *practice)
    context.close()
    assert audit.found == [], "\n".join(audit.found)


def _in_forced_colours(browser: Any, url: str, theme: str, script: str) -> Any:
    """What `script` finds on the page at `url` in forced colours (Windows high contrast), the system's `theme`."""
    context = browser.new_context(forced_colors="active", color_scheme=theme)
    page = context.new_page()
    page.goto(url)
    found = page.evaluate(script)
    context.close()
    return found


# Windows high contrast (forced colours) paints every border in its own colours, a transparent one too: each link's
# bottom border, the current page's mark, and the header's background, as the page computes them there.
NAVIGATION_BORDERS = """() => [...document.querySelectorAll("header.site nav a")].map((link) => ({
  current: link.getAttribute("aria-current") === "page",
  border: getComputedStyle(link).borderBottomColor,
  around: getComputedStyle(link.closest("header")).backgroundColor,
}))"""


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_forced_colours_underline_the_current_page_alone(browser: Any, server_url: str, theme: str) -> None:
    links = _in_forced_colours(browser, f"{server_url}/journal", theme, NAVIGATION_BORDERS)
    assert [link["current"] for link in links].count(True) == 1
    underlined = [link["current"] for link in links if link["border"] != link["around"]]
    assert underlined == [True], links


# The timer's ring is SVG, whose colours forced colours leave as crest drew them (a beige track on white).
RING_COLOURS = """() => {
  const line = (selector) => getComputedStyle(document.querySelector(selector));
  const [arc, track] = [line(".ring .progress"), line(".ring .track")];
  return {
    arc: arc.stroke, track: track.stroke, text: getComputedStyle(document.body).color,
    thinner: parseFloat(track.strokeWidth) < parseFloat(arc.strokeWidth),
  };
}"""


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_forced_colours_draw_the_timer_ring_in_the_system_colours(browser: Any, seeded_url: str, theme: str) -> None:
    ring = _in_forced_colours(browser, f"{seeded_url}/session", theme, RING_COLOURS)
    # the time done and the time to go in the text's colour, told apart by thickness in every palette
    assert ring == {"arc": ring["text"], "track": ring["text"], "text": ring["text"], "thinner": True}
