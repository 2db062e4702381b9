"""A day rated several times counts once in its week at every door: the terminal's words and JSON, the API, the
Progress page and the clinician report give the same weekly figures (journal walk-through: three check-ins on a bad
day outweighed the rest of the week, and a week read "better" on them)."""

import json
import re
import subprocess
from collections.abc import Callable
from datetime import datetime, time, timedelta
from html import unescape
from pathlib import Path

from fastapi.testclient import TestClient

from crest.clock import system_now, system_zone
from crest.journal.records import CheckIn, JournalContents, PainRating
from crest.journal.store import Journal
from crest.journal.vocabulary import Region
from crest.web.app import create_app

RunCrest = Callable[..., subprocess.CompletedProcess[str]]
SAID = "back (centre): 3.5 → 3.0 over 2 weeks, no clear change yet"


def _bad_day_rated_three_times(home: Path) -> str:
    """20 days ago rated 9 three times, then 3, 3 and 4 on the next three days; 6 to 4 days ago 3, 3 and 4."""
    zone = system_zone()
    today = system_now().astimezone(zone).date()

    def rated(days_ago: int, score: int, hour: int = 12) -> CheckIn:
        moment = datetime.combine(today - timedelta(days=days_ago), time(hour), tzinfo=zone)
        return CheckIn(at=moment, pain=(PainRating(Region.LOWER_BACK, score, Region.LOWER_BACK.usual_side),))

    bad_day = [rated(20, 9, hour) for hour in (8, 13, 20)]
    later = [rated(days_ago, score) for days_ago, score in ((19, 3), (18, 3), (17, 4), (6, 3), (5, 3), (4, 4))]
    home.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{home / 'crest.db'}"
    with Journal.open(url) as journal:
        journal.import_contents(JournalContents(check_ins=tuple(bad_day + later)))
    return url


def test_every_door_gives_the_same_weekly_figures(
    run_crest: RunCrest, crest_env: dict[str, str], tmp_path: Path
) -> None:
    url = _bad_day_rated_three_times(Path(crest_env["CREST_HOME"]))
    words = run_crest("progress")
    assert words.returncode == 0, words.stderr
    assert SAID in " ".join(words.stdout.split())
    assert "A day rated more than once counts once in its week, as the median of its ratings." in " ".join(
        words.stdout.split()
    )
    (terminal,) = json.loads(run_crest("progress", "--json").stdout)["places"]
    assert (terminal["baseline"], terminal["latest"], terminal["verdict"]) == (3.5, 3.0, "no_clear_change")
    assert terminal["baseline_ratings"] == 6  # every rating is still counted as given, and listed
    report = tmp_path / "report.html"
    made = run_crest("report", "-o", str(report))
    assert made.returncode == 0, made.stderr
    report_words = " ".join(unescape(re.sub(r"<[^>]+>", " ", report.read_text())).split())
    assert "3.5 (6 ratings on 4 days" in report_words and "3.0 (3 ratings on 3 days" in report_words
    assert "a day rated more than once counts once in its week, as the median of its ratings" in report_words
    with TestClient(create_app(url, local_zone=system_zone()), base_url="http://127.0.0.1:8765") as client:
        (api,) = client.get("/api/progress").json()["places"]
        assert api == terminal
        page = " ".join(unescape(client.get("/progress").text).split())
        assert SAID in page
        assert "A day rated more than once counts once in its week, as the median of its ratings." in page
