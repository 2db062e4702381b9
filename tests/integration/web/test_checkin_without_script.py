"""The check-in form without JavaScript: it posts to the server, which saves it, pain included (a few places in
rows of the form); the note never goes in the address."""

import pytest
from fastapi.testclient import TestClient

from crest.journal.records import MAX_NOTE_CHARACTERS


def test_the_form_posts_and_never_gets(client: TestClient) -> None:
    page = client.get("/checkin").text
    assert '<form id="checkin-form" method="post" action="/checkin" novalidate>' in page


def test_a_check_in_sent_without_the_script_is_saved_and_the_note_stays_out_of_the_address(
    client: TestClient,
) -> None:
    form = {"timing": "standalone", "sensations": ["warmth", "yawning"], "note": "private words"}
    saved = client.post("/checkin", data=form, follow_redirects=False)
    assert saved.status_code == 303
    assert saved.headers["location"] == "/journal?saved=check-in" and "private" not in saved.headers["location"]
    [check_in] = client.get("/api/checkins").json()
    assert set(check_in["sensations"]) == {"warmth", "yawning"} and check_in["note"] == "private words"


def test_a_refused_check_in_comes_back_with_the_reason_and_nothing_saved(client: TestClient) -> None:
    refused = client.post("/checkin", data={"sensations": ["none", "warmth"], "note": "x"})
    assert refused.status_code == 422
    assert "cannot be ticked with other sensations" in refused.text
    edit = client.post("/checkin", data={"checkin_id": "1", "note": "x"})
    assert edit.status_code == 422 and "Editing a check-in needs JavaScript" in edit.text
    assert client.get("/api/checkins").json() == []


def test_a_check_in_before_a_session_goes_on_to_it(client: TestClient) -> None:
    saved = client.post(
        "/checkin", data={"timing": "before", "note": "stiff", "next": "/session?minutes=10"}, follow_redirects=False
    )
    assert saved.status_code == 303
    [check_in] = client.get("/api/checkins").json()
    assert saved.headers["location"] == f"/session?minutes=10&before_checkin_id={check_in['id']}"
    elsewhere = client.post("/checkin", data={"note": "x", "next": "https://example.com/"}, follow_redirects=False)
    assert elsewhere.headers["location"] == "/journal?saved=check-in"  # only ever on to this app's session


def test_the_note_may_be_as_long_on_the_page_as_the_journal_keeps_it(client: TestClient) -> None:
    assert f'<textarea id="note" name="note" maxlength="{MAX_NOTE_CHARACTERS}">' in client.get("/checkin").text
    longest = "a" * MAX_NOTE_CHARACTERS
    assert client.post("/checkin", data={"note": longest}, follow_redirects=False).status_code == 303
    assert client.post("/checkin", data={"note": longest + "a"}).status_code == 422
    assert client.get("/api/checkins").json()[0]["note"] == longest


def test_a_note_as_long_as_the_box_takes_is_saved_with_its_line_breaks(client: TestClient) -> None:
    """A browser sends each line break of a box as \\r\\n but counts it as one character against maxlength: a note
    the box took whole, with lines, was refused as too long."""
    lines = ["a" * 99] * (MAX_NOTE_CHARACTERS // 100)
    note = "\r\n".join(lines) + "b"  # as the browser sends it: MAX_NOTE_CHARACTERS characters with \n
    assert len(note.replace("\r\n", "\n")) == MAX_NOTE_CHARACTERS
    assert client.post("/checkin", data={"note": note}, follow_redirects=False).status_code == 303
    assert client.get("/api/checkins").json()[0]["note"] == "\n".join(lines) + "b"


def _rows(*rows: tuple[str, str, str]) -> dict[str, list[str]]:
    """The form's pain rows as a browser posts them: every row, rated or not, in order."""
    padded = [*rows, *[("", "", "")] * (3 - len(rows))]
    names = ("pain_region", "pain_side", "pain_score")
    return {name: [row[index] for row in padded] for index, name in enumerate(names)}


def test_pain_rated_in_the_forms_rows_is_saved_without_the_script(client: TestClient) -> None:
    page = client.get("/checkin").text
    assert page.count('name="pain_region"') == 3 and "<noscript>" in page  # the script's page never shows them
    form = {**_rows(("lower_back", "", "4"), ("hip", "left", "2")), "note": "stiff"}
    assert client.post("/checkin", data=form, follow_redirects=False).status_code == 303
    [check_in] = client.get("/api/checkins").json()
    assert [(p["region"], p["side"], p["score"]) for p in check_in["pain"]] == [
        ("lower_back", "centre", 4),
        ("hip", "left", 2),
    ]


@pytest.mark.parametrize(
    ("rows", "said"),
    [
        # never both feet unsaid; the field is named as the form labels it, by the form's row (the API says
        # "Side (entry 1)", the first rated place, which is the form's second row when the first is left empty)
        ((("foot", "", "3"),), "Side of place 1: choose a side for the foot: left, right or both sides."),
        ((("", "", ""), ("foot", "", "3")), "Side of place 2: choose a side for the foot: left, right or both sides."),
        ((("", "", ""), ("hip", "right", "12")), "Pain in place 2: enter 10 or less, not “12”."),
        ((("", "", "3"),), "Place 1: choose the place you gave 3 out of 10."),
        ((("hip", "right", ""),), "Place 1: give it a score, a whole number from 0 to 10, or choose None."),
        ((("knee", "left", "1"), ("hip", "right", "two")), "Place 2: give it a score, a whole number from 0 to 10"),
        (
            (("lower_back", "", "3"), ("lower_back", "both", "4")),
            "Lower back (centre) is rated twice; rate each place once.",
        ),
    ],
)
def test_a_pain_row_the_form_cannot_save_is_refused_saying_which(
    client: TestClient, rows: tuple[tuple[str, str, str], ...], said: str
) -> None:
    refused = client.post("/checkin", data={**_rows(*rows), "note": "x"})
    assert refused.status_code == 422 and said in refused.text
    assert client.get("/api/checkins").json() == []


def test_a_refused_form_comes_back_with_everything_it_sent(client: TestClient) -> None:
    form = {**_rows(("foot", "", "3")), "sensations": ["warmth"], "note": "my <own> words", "timing": "standalone"}
    page = client.post("/checkin", data=form).text
    assert '<option value="foot" selected>' in page and 'name="pain_score" type="number"' in page
    assert 'value="3"' in page
    assert '<input type="checkbox" name="sensations" value="warmth" checked>' in page
    assert '<input type="radio" name="timing" value="standalone" checked>' in page
    assert ">my &lt;own&gt; words</textarea>" in page


@pytest.mark.parametrize(
    ("address", "ticked"),
    [
        ("/checkin", "standalone"),
        ("/checkin?timing=before&next=/session%3Fminutes%3D10", "before"),  # the session page's "check in first"
    ],
)
def test_the_when_the_page_will_save_is_ticked_without_the_script(
    client: TestClient, address: str, ticked: str
) -> None:
    """Only the script ticked it: without it no When was ticked, and a check-in asked for before a session, sent as
    it was, was saved on its own (the server's default), then refused the same way came back still unticked."""
    page = client.get(address).text
    assert f'<input type="radio" name="timing" value="{ticked}" checked>' in page and page.count(" checked>") == 1
    chosen = {"timing": ticked, "sensations": ["none", "warmth"]}  # what the page now sends, refused
    again = client.post("/checkin", data=chosen).text
    assert f'<input type="radio" name="timing" value="{ticked}" checked>' in again
    unsaid = client.post("/checkin", data={"sensations": ["none", "warmth"]}).text  # a form with no When at all
    assert '<input type="radio" name="timing" value="standalone" checked>' in unsaid  # what it would be saved as


def test_a_check_in_that_raises_a_warning_sign_is_said_saved_on_today_below_the_warning(client: TestClient) -> None:
    form = {"timing": "standalone", "note": "since this morning I cannot control my bladder", "confirmed": "yes"}
    saved = client.post("/checkin", data=form, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"] == "/?saved=check-in"
    today = client.get(saved.headers["location"]).text
    warning, confirmation = today.find('id="safety-standing"'), today.find("Saved: your check-in is in the journal.")
    assert 0 <= warning < confirmation  # the warning first, the confirmation after it
    assert "Saved: your check-in" not in client.get("/").text  # said once, as the check-in is saved


@pytest.mark.parametrize(
    ("character", "shown"),
    [
        pytest.param("\x1b", "\\x1b", id="an-escape"),
        pytest.param("\x7f", "\\x7f", id="del"),
        pytest.param("\x9b", "\\x9b", id="a-c1-control"),
        pytest.param("\u202e", "\\u202e", id="a-bidirectional-override"),
        pytest.param("\u200b", "\\u200b", id="a-zero-width-space"),
    ],
)
def test_a_note_with_a_hidden_control_character_comes_back_with_the_reason_under_it_and_the_words_kept(
    client: TestClient, character: str, shown: str
) -> None:
    """Before, DEL, C1 controls and bidirectional overrides were saved, and an escape was said as "crest cannot use
    “...” here", repeating it."""
    note = f"my <own>{character} words"
    refused = client.post("/checkin", data={"sensations": ["warmth"], "note": note})
    assert refused.status_code == 422
    said = (
        f"Note: the note contains a hidden control character ({shown}) that crest does not keep; delete it from the "
        "note."
    )
    typed = note.replace("<", "&lt;").replace(">", "&gt;")
    assert f'{typed}</textarea>\n      <p id="form-error" class="error-text" role="alert">{said}</p>' in refused.text
    assert '<input type="checkbox" name="sensations" value="warmth" checked>' in refused.text
    assert client.get("/api/checkins").json() == []


def test_an_unknown_place_sent_in_a_row_is_refused_naming_the_places_as_the_form_shows_them(
    client: TestClient,
) -> None:
    """A row's place is chosen from a list, so only a changed page sends another; it was refused with the internal
    ids ("lower_back, ..., calf_and_shin") and the value as it came."""
    refused = client.post("/checkin", data={**_rows(("elbow<b>\x1b", "", "3")), "note": "x"})
    said = (
        "Place 1: “elbow&lt;b&gt;\\x1b” is not a place crest knows; choose lower back, buttock, sacroiliac "
        "joint, groin, front of thigh, hip, knee, pelvis, abdomen, upper back, neck, calf and shin or foot."
    )
    assert refused.status_code == 422 and said in refused.text
    assert "lower_back" not in refused.text.split('role="alert">')[1].split("</p>")[0]
    assert client.get("/api/checkins").json() == []


NOTE_BOX = '<textarea id="note" name="note" maxlength="{limit}"{marks}>'


def test_a_refused_note_is_marked_invalid_described_by_the_reason_and_focused(client: TestClient) -> None:
    """Before, the reason showed under the note, but the note box was not marked invalid nor linked to it, and the
    page opened with the focus nowhere near it."""
    refused = client.post("/checkin", data={"note": "my\x9b words"})
    assert refused.status_code == 422
    marks = ' aria-describedby="form-error" aria-invalid="true" autofocus'
    assert NOTE_BOX.format(limit=MAX_NOTE_CHARACTERS, marks=marks) in refused.text
    assert refused.text.count("aria-invalid") == 1 and refused.text.count("autofocus") == 1
    assert NOTE_BOX.format(limit=MAX_NOTE_CHARACTERS, marks="") in client.get("/checkin").text  # nothing refused


@pytest.mark.parametrize(
    ("rows", "marked"),
    [
        ((("hip", "right", ""),), "form-score-0"),  # a place with no score
        ((("", "", "3"),), "form-region-0"),  # a score with no place
        ((("knee", "left", "1"), ("hip", "right", "two")), "form-score-1"),
        ((("knee", "left", "11"),), "form-score-0"),  # refused by the API's own rule: pain.0.score
        ((("knee", "left", "1"), ("", "", ""), ("foot", "", "3")), "form-side-2"),  # the journal's rule: pain.1.side
    ],
)
def test_a_refused_pain_row_marks_the_field_that_says_so_and_only_it(
    client: TestClient, rows: tuple[tuple[str, str, str], ...], marked: str
) -> None:
    page = client.post("/checkin", data={**_rows(*rows), "note": "x"}).text
    assert page.count('aria-invalid="true"') == 1 and page.count("autofocus") == 1
    field = page[page.index(f'id="{marked}"') :]
    assert field[: field.index(">")].endswith(' aria-describedby="form-error" aria-invalid="true" autofocus')


def test_a_refused_row_past_the_forms_rows_is_said_with_no_field_to_mark(client: TestClient) -> None:
    rows = {name: [*values, "", ""] for name, values in _rows(("knee", "left", "1")).items()}  # 5 rows, not 3
    rows["pain_score"][4] = "7"  # a score with no place, in a row the page does not show
    refused = client.post("/checkin", data={**rows, "note": "x"})
    assert refused.status_code == 422 and "Place 5: choose the place you gave 7 out of 10." in refused.text
    assert "aria-invalid" not in refused.text


def test_refused_sensations_mark_every_box_and_focus_the_first(client: TestClient) -> None:
    page = client.post("/checkin", data={"sensations": ["none", "warmth"], "note": "x"}).text
    boxes = [line for line in page.splitlines() if 'name="sensations"' in line]
    assert boxes and all('aria-describedby="form-error" aria-invalid="true"' in box for box in boxes)
    assert "autofocus" in boxes[0] and page.count("autofocus") == 1


def test_a_session_number_beyond_any_id_is_no_session_not_a_server_error(client: TestClient) -> None:
    # 99999999999999999999 overflowed the database's integer: a 500 with a traceback in the log.
    for named in ("99999999999999999999", "2147483648"):
        answer = client.post("/checkin", data={"session_id": named, "note": "x"}, follow_redirects=False)
        assert answer.status_code == 404, answer.text
        assert "Traceback" not in answer.text
