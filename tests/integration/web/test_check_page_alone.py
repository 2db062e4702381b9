"""Check a photo tells someone resting alone where the live camera check is: nobody is there to take the photo."""

from fastapi.testclient import TestClient


def test_the_check_page_leads_someone_alone_to_the_live_camera_check(client: TestClient) -> None:
    page = client.get("/check").text
    assert 'id="check-alone"' in page
    alone = page.split('id="check-alone"', 1)[1].split("</p>", 1)[0]
    assert 'href="/session"' in alone and "Check my position with the camera" in alone
    # the words name the button as the Session page shows it
    assert "Check my position with the camera" in client.get("/session").text


def test_the_live_check_is_not_offered_before_the_safety_questions(unanswered: TestClient) -> None:
    assert 'id="check-alone"' not in unanswered.get("/check").text
