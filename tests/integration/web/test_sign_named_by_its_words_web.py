"""A check-in note that names night pain is named by night pain at the browser's doors (the check-in's answer, Today's
standing warning, the journal), never by its help entry's title, which lists every sign of possible cancer as if the
person had said all of them (walk-through: "Back pain with a history of cancer, weight loss, night pain or no
improvement")."""

from fastapi.testclient import TestClient
from markupsafe import escape  # as the pages write text

from crest.services.checkins import entry_warning

NIGHT_PAIN = "Pain at night that changing position does not ease"  # its own words (`sign_words`)
ENTRY_TITLE = entry_warning("warning_cancer").title
NOTE = "My back pain wakes me at night and changing position doesn't ease it"


def test_a_night_pain_note_is_named_by_night_pain_at_the_browsers_doors(client: TestClient) -> None:
    saved = client.post("/api/checkins", json={"pain": [{"region": "lower_back", "score": 5}], "note": NOTE})
    assert saved.status_code == 201, saved.text
    assert [(sign["title"], sign["level"]) for sign in saved.json()["advice"]["warnings"]] == [
        (NIGHT_PAIN, "see_clinician")
    ]
    for page in ("/", "/journal"):
        shown = client.get(page).text
        assert str(escape(NIGHT_PAIN)) in shown, page
        assert str(escape(ENTRY_TITLE)) not in shown, page
