"""A refusal shown on a page reads as a sentence, whichever service worded it, and a file's name keeps its case."""

from crest.web.templating import TEMPLATES, as_sentence


def test_a_refusal_becomes_a_sentence() -> None:
    assert as_sentence("that code is not right; type the 6 digits") == "That code is not right; type the 6 digits."
    assert as_sentence("Your name is empty.") == "Your name is empty."
    assert as_sentence("") == ""


def test_a_file_name_at_the_start_keeps_its_case() -> None:
    assert as_sentence("notes.json line 1, field format: not a crest export") == (
        "notes.json line 1, field format: not a crest export."
    )


def test_every_form_refusal_in_the_templates_goes_through_the_filter() -> None:
    template = TEMPLATES.env.from_string('<p class="notice danger" role="alert">{{ error | sentence }}</p>')
    assert template.render(error="too many wrong passwords; wait 1 second") == (
        '<p class="notice danger" role="alert">Too many wrong passwords; wait 1 second.</p>'
    )
    sources = TEMPLATES.env.loader.list_templates()  # type: ignore[union-attr]
    for name in sources:
        text = TEMPLATES.env.loader.get_source(TEMPLATES.env, name)[0]  # type: ignore[union-attr]
        for shown in text.split('role="alert">{{')[1:]:
            assert "| sentence" in shown.split("}}")[0], name
