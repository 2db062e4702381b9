"""Before the rest, the Session page says to leave the page open and the device unlocked: a phone locked by hand may
hold back the chime and the spoken end until it is unlocked, and a person asleep in bed would not be woken (bed
walk-through L3)."""

import re

from fastapi.testclient import TestClient


def test_the_ready_step_says_to_leave_the_device_unlocked_for_the_chime(client: TestClient) -> None:
    page = client.get("/session").text
    ready = re.search(r'<section id="stage-ready".*?</section>', page, re.S)
    assert ready is not None
    said = " ".join(re.sub(r"<[^>]+>", " ", ready.group(0)).split())
    assert "Leave the page open and the phone or computer unlocked" in said
    assert "the chime at the end and the spoken steps for coming up slowly may wait until you unlock it" in said
