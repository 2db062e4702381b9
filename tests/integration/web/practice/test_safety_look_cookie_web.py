"""The Safety page keeps the answers with a "yes" in a cookie between saving them and the look at them (a076e2ce),
so that Back after saving gives a page. Behind HTTPS that cookie is Secure, as the sign-in cookie is (ASVS 3.3.1):
a browser never sends those answers over plain HTTP; and it is HttpOnly, SameSite=Strict, kept to /safety."""

from pathlib import Path

from fastapi.testclient import TestClient

from crest.accounts.passwords import TEST_COST
from crest.web.app import create_app
from crest.web.practice_app import PracticeOptions
from crest.web.practice_door import SECURE_COOKIE_NAME
from support.practice_web import World

PUBLIC_URL = "https://practice.example"


def test_the_answers_kept_for_a_look_are_a_secure_cookie_behind_https(world: World, tmp_path: Path) -> None:
    app = create_app(
        world.copy_to(tmp_path),
        clock=world.clock,
        practice=PracticeOptions(public_url=PUBLIC_URL, password_cost=TEST_COST),
    )
    with TestClient(app, base_url=PUBLIC_URL, headers={"Origin": PUBLIC_URL}) as ann:
        ann.cookies.set(SECURE_COOKIE_NAME, world.tokens["client_a"] or "")
        questions = ann.get("/api/safety/questions").json()
        answers = {question["id"]: "yes" if question["id"] == "fracture_signs" else "no" for question in questions}
        response = ann.post("/safety", data=answers, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/safety/look")
        cookie = response.headers["set-cookie"]
        assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
        assert "Path=/safety" in cookie and "Domain" not in cookie
        look = ann.get("/safety/look")
        assert "You answered yes to" in look.text  # the cookie is read back on the page it was made for
