"""The session page's clock (#time-left) and phase line are written only when what they show changes: the page's
200 ms tick rewrote both with the same words five times a second, paused too, and each write is a change for a
screen reader's view of the page and work for a slow phone (walk L4)."""

from typing import Any

from playwright.sync_api import expect

# The page's own clock is a setInterval (the only one here: no camera runs): each of its ticks is counted, so that the
# test waits for ticks, not for wall time a loaded machine may not give the page.
COUNT_TICKS = """
const setIntervalAsGiven = window.setInterval;
window.ticks = 0;
window.setInterval = (callback, ms, ...rest) =>
  setIntervalAsGiven(() => { window.ticks += 1; callback(); }, ms, ...rest);
"""
# For each element, its writes (the observer's records: an assignment of textContent is one) and the changes of the
# text it shows, counted from now.
COUNT_WRITES = """() => {
  window.writes = {};
  for (const id of ["time-left", "phase"]) {
    const element = document.getElementById(id);
    const count = { writes: 0, changes: 0, shown: element.textContent };
    window.writes[id] = count;
    new MutationObserver((records) => {
      count.writes += records.length;
      if (element.textContent !== count.shown) {
        count.changes += 1;
        count.shown = element.textContent;
      }
    }).observe(element, { childList: true, characterData: true, subtree: true });
  }
  window.ticksFrom = window.ticks;
}"""
TICKS_PER_3_S = 15


def _counted(page: Any) -> dict[str, dict[str, Any]]:
    page.wait_for_function(f"() => window.ticks - window.ticksFrom >= {TICKS_PER_3_S}", polling=100)
    writes: dict[str, dict[str, Any]] = page.evaluate("() => window.writes")
    return writes


def test_the_clock_is_written_only_when_the_time_or_phase_it_shows_changes(safe_page: Any, server_url: str) -> None:
    page = safe_page
    page.add_init_script(COUNT_TICKS)
    page.goto(f"{server_url}/session?minutes=10")
    while not page.locator("#stage-ready").is_visible():
        page.locator("#step-next").click()
    page.get_by_role("button", name="Start the rest").click()
    expect(page.locator("#time-left")).not_to_have_text("10:00")  # the clock runs: the server has the rest
    page.get_by_role("button", name="Pause").click()
    expect(page.locator("#phase")).to_have_text("paused")
    shown = page.locator("#time-left").inner_text()

    page.evaluate(COUNT_WRITES)
    paused = _counted(page)  # some 3 s of the page's clock, paused
    assert {id: count["writes"] for id, count in paused.items()} == {"time-left": 0, "phase": 0}
    assert page.locator("#time-left").inner_text() == shown

    page.get_by_role("button", name="Resume").click()
    page.evaluate(COUNT_WRITES)
    running = _counted(page)
    assert running["time-left"]["changes"] >= 1  # it runs: the seconds shown turned
    # each write shows a new second (or phase): at most one a second shown, where the tick wrote five
    assert {id: count["writes"] for id, count in running.items()} == {
        id: count["changes"] for id, count in running.items()
    }
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="End now").click()
    page.locator("#stage-done").wait_for(state="visible")
