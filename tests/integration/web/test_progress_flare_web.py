"""The Progress page (and the clinician report) names a flare week beside the verdict (it showed only in the
chart), and its pain chart names its scale (the side of the chart said 0 to 10 and nothing said of what)."""

from datetime import UTC, timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from crest.insights.progress import days_span
from crest.web.app import create_app
from support.clock import FakeClock
from support.flare import practice_with_a_flare


def test_a_flare_week_is_said_beside_the_verdict_and_the_chart_names_its_scale(
    tmp_path: Path, clock: FakeClock
) -> None:
    from crest.journal.store import Journal

    url = f"sqlite:///{tmp_path / 'flare.db'}"
    contents, monday = practice_with_a_flare(clock().date() - timedelta(days=63), UTC)
    with Journal.open(url) as journal:
        journal.import_contents(contents)
    with TestClient(create_app(url, clock=clock, local_zone=UTC), base_url="http://127.0.0.1:8765") as client:
        page = " ".join(client.get("/progress").text.split())
        report = " ".join(client.get("/report.html").text.split())
    verdict = page.index("Lower back (centre):")
    flare = page.index(
        f"One week between was harder: median 9.0 (14 ratings on 7 days, {days_span(monday, monday + timedelta(6))}),"
        " against "
    )
    assert verdict < flare < page.index("Hip (left):")  # beside its verdict, not under another place
    assert page.count("One week between was harder") == 1  # the steady hip has none
    # The clinician's report says it in its summary too, after the verdict
    assert "a fall that usually matters; one week between was harder: median 9.0 (14 ratings on 7 days," in report
    assert "Pain per place over time (0-10)</h2>" in page
    assert "Pain from 0 (no pain) to 10 (worst imaginable)" in page
