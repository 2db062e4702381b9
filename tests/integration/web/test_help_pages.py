"""The Help pages without JavaScript (a plain GET form), each entry's own page, and the 'why?' links elsewhere."""

import json
import re

import pytest
from fastapi.testclient import TestClient

from crest.knowledge import why_links
from crest.knowledge.loader import load_help
from crest.safety.screen import QUESTIONS

FOOTER = load_help().footer


def _config(page: str, element_id: str) -> dict[str, object]:
    found = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', page, re.S)
    assert found is not None
    config: dict[str, object] = json.loads(found.group(1))
    return config


def _entries(page: str) -> list[str]:
    return re.findall(r'data-entry="([a-z_]+)"', page)


def test_the_help_page_is_a_plain_get_form_with_the_topics_and_the_footer(client: TestClient) -> None:
    page = client.get("/help").text
    assert re.search(r'<form method="get" action="/help"[^>]*>', page)
    assert 'name="q"' in page and 'type="submit"' in page
    assert '<section id="help-topics" aria-labelledby="topics-heading">' in page  # shown, not hidden
    assert page.count('href="/help/') >= len(load_help().entries)  # every entry listed by topic
    assert FOOTER.replace("'", "&#39;") in page
    assert '<a href="/help" aria-current="page">Help</a>' in page  # in the navigation


def test_a_question_sent_by_the_form_is_answered_on_the_page(client: TestClient) -> None:
    page = client.get("/help", params={"q": "why do i keep yawnig"}).text  # a typo too
    assert _entries(page)[0] == "yawning"
    assert 'href="/help/yawning"' in page and "Sources: " in page
    assert 'value="why do i keep yawnig"' in page  # the question stays in the box
    assert 'aria-labelledby="topics-heading" hidden' in page  # answers, so the topics step aside
    assert FOOTER.replace("'", "&#39;") in page


def test_an_urgent_warning_sign_stands_alone_with_its_level(client: TestClient) -> None:
    page = client.get("/help", params={"q": "since my back went I can't feel my bum when I wipe and I can't pee"}).text
    urgent = page.index('class="notice danger help-urgent" data-level="urgent_care"')
    assert "Seek urgent medical care now" in page[urgent : urgent + 200]
    assert 'class="card help-answer"' not in page  # nothing beside it that invites practice
    assert 'role="status">Seek urgent medical care now.' in page


@pytest.mark.parametrize(
    ("question", "status"),
    [
        ("my legs went numb and I can't pee", "Seek urgent medical care now."),  # urgent care and see a clinician
        ("I have a fever and my back hurts at night", "See a clinician before you continue. 3 answers."),
    ],
)
def test_the_status_says_the_most_serious_warning_level_once(client: TestClient, question: str, status: str) -> None:
    page = client.get("/help", params={"q": question}).text
    assert page.count('class="notice danger help-urgent"') + page.count('class="notice warn help-urgent"') == 2
    assert f'role="status">{status}</' in page


@pytest.mark.parametrize(
    "question",
    [
        "tingling between my legs",
        "pins and needles in my groin",
        "pins and needles in my groin and I'm peeing less",
        "I haven't been able to pee since yesterday",
        "I have to strain to urinate",
        "tingling in my saddle area",
    ],
)
def test_urgent_signs_in_other_words_get_the_urgent_box_on_the_page_and_the_api(
    client: TestClient, question: str
) -> None:
    page = client.get("/help", params={"q": question}).text
    assert 'data-level="urgent_care"' in page and "Seek urgent medical care now" in page
    reply = client.get("/api/help", params={"q": question}).json()
    assert reply["warnings"][0]["id"] == "warning_cauda_equina" and reply["answers"] == []


def test_a_see_a_clinician_sign_is_pinned_before_the_answers_and_never_among_them(client: TestClient) -> None:
    page = client.get("/help", params={"q": "I can feel a pulsing in my belly when I breathe during the rest"}).text
    warning = page.index('data-level="see_clinician"')
    answers = [match.start() for match in re.finditer('class="card help-answer"', page)]
    assert answers and warning < min(answers)
    assert not any(entry.startswith("warning_") for entry in _entries(page))


def test_a_clinician_level_warning_says_so(client: TestClient) -> None:
    page = client.get("/help", params={"q": "I can feel a pulsing in my belly"}).text
    assert 'data-level="see_clinician"' in page and "See a clinician before you continue" in page


def test_nothing_found_says_so_and_offers_the_topics(client: TestClient) -> None:
    page = client.get("/help", params={"q": "how do I cook pasta"}).text
    assert f"“how do I cook pasta”: {load_help().nothing_found}".replace("'", "&#39;") in page
    assert 'aria-labelledby="topics-heading" hidden' not in page
    assert _entries(page) == []


@pytest.mark.parametrize("question", ['NEAR("bed" *)', "😀", "x" * 10_000, "<script>alert(1)</script>", "\x00"])
def test_hostile_questions_get_a_calm_page(client: TestClient, question: str) -> None:
    response = client.get("/help", params={"q": question})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text


def test_each_entry_has_its_own_page_with_sources_and_related_entries(client: TestClient) -> None:
    entry = load_help().entry("yawning")
    assert entry is not None
    page = client.get("/help/yawning").text
    assert f"<h1>{entry.title}</h1>" in page
    for title in load_help().source_titles(entry.sources):
        assert title.replace('"', "&#34;") in page
    for related in entry.related:
        assert f'href="/help/{related}"' in page
    assert FOOTER.replace("'", "&#39;") in page


def test_a_warning_sign_page_shows_its_level(client: TestClient) -> None:
    page = client.get("/help/warning_aortic").text
    assert 'data-level="urgent_care"' in page and "Seek urgent medical care now" in page


def test_an_unknown_entry_is_a_404_page_that_offers_the_topics(client: TestClient) -> None:
    response = client.get("/help/no_such_entry")
    assert response.status_code == 404
    assert "There is no help entry at this address" in response.text
    assert 'href="/help/yawning"' in response.text and 'name="q"' in response.text
    assert client.get("/help/" + "%F0%9F%98%80" * 500).status_code == 404


def test_every_entry_page_renders(client: TestClient) -> None:
    for entry in load_help().entries:
        assert client.get(f"/help/{entry.id}").status_code == 200, entry.id


def test_the_session_links_its_steps_and_cues_to_their_entries(cleared: TestClient) -> None:
    page = cleared.get("/session", params={"minutes": 30}).text  # long enough for every rest cue
    config = _config(page, "session-config")
    cues = config["timeline"]["cues"]  # type: ignore[index]
    by_text = {cue["text"]: cue["help"] for cue in cues}
    yawning = next(help for text, help in by_text.items() if text.startswith("Yawning"))
    assert yawning == {"url": "/help/yawning", "title": load_help().entry("yawning").title}  # type: ignore[union-attr]
    assert all(cue["help"] for cue in cues)
    assert all(step["help"] for step in config["steps"])  # type: ignore[attr-defined]
    assert 'id="cue-why"' in page and 'target="_blank"' in page  # a new tab: the session keeps running


def test_a_step_the_supported_variant_rewrites_links_to_that_variant(cleared: TestClient) -> None:
    config = _config(cleared.get("/session", params={"variant": "supported"}).text, "session-config")
    helps = {step["title"]: step["help"]["url"] for step in config["steps"]}  # type: ignore[attr-defined]
    assert helps["Calves on a chair"] == "/help/supported_variant"


def test_the_check_in_carries_an_entry_for_each_sensation_that_raises_a_question(client: TestClient) -> None:
    config = _config(client.get("/checkin").text, "checkin-config")
    offered = config["sensation_help"]
    assert set(offered) == set(why_links.SENSATIONS)  # type: ignore[arg-type]
    assert offered["emotions"]["url"] == "/help/emotions"  # type: ignore[index]
    assert offered["restless"]["url"] == "/help/restless"  # type: ignore[index]


def test_the_safety_screen_links_each_question_to_its_entry(client: TestClient) -> None:
    page = client.get("/safety").text
    for question in QUESTIONS:
        legend = page.index(question.text.replace("'", "&#39;"))
        link = page.index('class="why"', legend)
        assert f'href="/help/{why_links.SAFETY_QUESTIONS[question.id]}"' in page[link : link + 120]
    assert "Not sure? Answer yes: crest then says whom to see" in page  # as the terminal says to "not sure"


def test_every_why_link_leads_to_a_page(cleared: TestClient) -> None:
    pages = ["/", "/safety", "/checkin", "/session?minutes=30", "/session?variant=somatic&minutes=30"]
    links = {link for path in pages for link in re.findall(r"/help/[a-z_]+", cleared.get(path).text)}
    assert len(links) > 20
    for link in sorted(links):
        assert cleared.get(link).status_code == 200, link


def test_every_warning_sign_in_a_question_is_shown_on_the_page_and_the_api(client: TestClient) -> None:
    question = "I have a fever and my back hurts at night"
    page = client.get("/help", params={"q": question}).text
    assert page.count('data-level="see_clinician"') == 2
    reply = client.get("/api/help", params={"q": question}).json()
    assert {warning["id"] for warning in reply["warnings"]} == {"warning_cancer", "warning_infection"}


def test_a_question_in_another_language_says_the_help_is_english(client: TestClient) -> None:
    note = load_help().not_english.replace("'", "&#39;")
    page = client.get("/help", params={"q": "Ich habe Schmerzen in der Brust"}).text
    assert note in page and 'class="notice help-language"' in page
    assert page.index('data-level="urgent_care"') < page.index(note)  # the warning sign first
    assert note not in client.get("/help", params={"q": "can I do it in bed?"}).text
