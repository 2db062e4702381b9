"""An edit opened on an older Journal page returns there (Save and Cancel alike), with "Saved", so the corrected
entry stays in sight; one opened on the first page returns to the first page, as before."""

import json
import re
from typing import Any

from fastapi.testclient import TestClient

from support.clock import FakeClock


def _config(page: str) -> Any:
    found = re.search(r'<script type="application/json" id="checkin-config">(.*?)</script>', page, re.S)
    assert found is not None
    return json.loads(found[1])


def test_an_edit_from_journal_page_2_returns_to_page_2(client: TestClient, clock: FakeClock) -> None:
    for score in range(51):  # 50 a page: the oldest is on page 2
        client.post("/api/checkins", json={"pain": [{"region": "lower_back", "score": score % 11}]})
        clock.advance(60)
    oldest = client.get("/api/checkins").json()[-1]["id"]
    older = client.get("/journal", params={"page": 2}).text
    edit = f"/checkin?checkin_id={oldest}&amp;page=2"
    assert edit in older
    form = client.get(edit.replace("&amp;", "&")).text
    assert _config(form)["journal_url"] == "/journal?page=2&saved=check-in"  # where the script goes after Save
    assert 'href="/journal?page=2">Cancel' in form
    first = client.get("/journal").text
    [newest_edit] = re.findall(r'href="(/checkin\?checkin_id=\d+[^"]*)"', first)[:1]
    assert "page=" not in newest_edit
    assert _config(client.get(newest_edit).text)["journal_url"] == "/journal?saved=check-in"
    assert client.get(f"/checkin?checkin_id={oldest}&page=0").status_code == 422
