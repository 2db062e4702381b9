"""A real browser on another site cannot change crest's data (issue 9.10): the attack of the issue, in Chromium.

A page of `attacker.test` (served to the browser by Playwright) posts an all-clear safety form to crest and sends
`fetch` calls at its API; nothing is written, while crest's own pages go on working (test_practice_flow.py).
"""

from typing import Any

ATTACKER = "http://attacker.test/"


def test_another_site_cannot_answer_the_safety_questions_or_call_the_api(browser: Any, server_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    questions = page.request.get(f"{server_url}/api/safety/questions").json()
    fields = "".join(f'<input name="{q["id"]}" value="no">' for q in questions)
    page.route(
        ATTACKER,
        lambda route: route.fulfill(
            content_type="text/html",
            body=f'<form method="post" action="{server_url}/safety">{fields}<button>go</button></form>',
        ),
    )
    page.goto(ATTACKER)
    with page.expect_navigation() as navigation:
        page.click("button")
    assert navigation.value.status == 403

    page.goto(ATTACKER)
    page.evaluate(
        """async (base) => {
            const body = JSON.stringify({answers: {}});
            const sent = [
                fetch(base + "/api/safety/answers", {method: "POST", mode: "no-cors", body}),
                fetch(base + "/api/checkins", {method: "POST", mode: "no-cors", body: '{"note": "forged"}'}),
            ];
            // Chromium may block these itself (private network access); crest must refuse them either way
            await Promise.allSettled(sent);
        }""",
        server_url,
    )
    assert page.request.get(f"{server_url}/api/checkins").json() == []
    assert page.request.get(f"{server_url}/api/safety/latest").status == 404
    context.close()
