"""The bundled help content: enough entries, every topic of the issue, known sources, every red flag covered."""

from importlib import resources

import pytest

from crest.insights.verdicts import PAIN_MIN_DROP_POINTS, PAIN_MIN_DROP_SHARE
from crest.knowledge.loader import InvalidHelp, load_help, parse_help
from crest.knowledge.model import MIN_ENTRIES, WARNING_TOPIC
from crest.knowledge.red_flags import RULES
from crest.safety.worse_check_in import RISE_POINTS, SEVERE_SCORE

# Each topic the help must cover (issue 11) -> the entries that answer it.
ISSUE_TOPICS: dict[str, tuple[str, ...]] = {
    "how long and how often": ("how_long", "how_often"),
    "when in the day": ("time_of_day",),
    "the surface and beds": ("surface", "in_bed"),
    "towels and head height": ("head_and_towel",),
    "the lower back and neutral pelvis": ("lower_back_and_pelvis",),
    "breathing": ("breathing",),
    "yawning": ("yawning",),
    "emotions and anger": ("emotions",),
    "the spine shifting and early discomfort": ("spine_shifting",),
    "falling asleep": ("falling_asleep",),
    "arms": ("arms",),
    "feet width and heel distance": ("feet_width", "heel_distance"),
    "getting down to the floor and up again": ("getting_down", "getting_up"),
    "the supported and somatic variants": ("supported_variant", "somatic_variant"),
    "what CRP is and how it works": ("what_is_crp", "how_it_works"),
    "feeling the psoas as a hard thing": ("psoas_feels_hard",),
    "strengthening versus release": ("strengthening_or_release",),
    "massage and pressing on the psoas": ("massage",),
    "is CRP enough on its own": ("is_it_enough",),
    "pain, tingling or numbness during a session": ("pain_during_session",),
    "pregnancy": ("pregnancy",),
    "recent surgery, scars, hip replacement": ("surgery",),
    "when to see a clinician": ("when_to_see_clinician",),
}

# crp-facts.md section 5: each group of red flags -> its entry and the level the fact sheet gives it.
RED_FLAG_LEVELS = {
    "warning_cauda_equina": "urgent_care",
    "warning_aortic": "urgent_care",
    "warning_pulsing_belly": "see_clinician",
    "warning_cancer": "see_clinician",
    "warning_infection": "see_clinician",
    "warning_fracture": "see_clinician",
    "warning_new_numbness_or_weakness": "see_clinician",
    # not a red flag of crp-facts.md: emergencies beyond back pain, crest's general guidance (NHS 999, Act FAST)
    "warning_emergency": "urgent_care",
}
FACT_SHEET_SOURCES = {"K", "G", "AT", "PT", "SOM", "CL"}


def bundled_text() -> str:
    return resources.files("crest.knowledge").joinpath("help.toml").read_text(encoding="utf-8")


def test_at_least_thirty_entries_with_unique_ids() -> None:
    entries = load_help().entries
    assert len(entries) >= MIN_ENTRIES >= 30
    assert len({entry.id for entry in entries}) == len(entries)


@pytest.mark.parametrize(("topic", "entry_ids"), ISSUE_TOPICS.items())
def test_every_topic_of_the_issue_has_its_entries(topic: str, entry_ids: tuple[str, ...]) -> None:
    content = load_help()
    for entry_id in entry_ids:
        entry = content.entry(entry_id)
        assert entry is not None, f"{topic}: no entry {entry_id}"
        assert entry.level is None and entry.also_asked


def test_every_red_flag_group_has_its_entry_at_the_fact_sheets_level() -> None:
    content = load_help()
    warnings = {entry.id: entry.level for entry in content.entries if entry.topic == WARNING_TOPIC}
    assert warnings == RED_FLAG_LEVELS


def test_every_warning_sign_has_a_rule_and_every_rule_a_warning_sign() -> None:
    ruled = {rule.entry_id for rule in RULES}
    assert ruled == set(RED_FLAG_LEVELS)


def test_every_source_key_is_known_and_rendered_with_its_full_title() -> None:
    content = load_help()
    assert set(content.sources) >= FACT_SHEET_SOURCES
    for entry in content.entries:
        titles = content.source_titles(entry.sources)
        assert len(titles) == len(entry.sources) >= 1
        assert all(len(title) > 20 for title in titles)


def test_answers_without_a_clinical_source_say_so_and_point_to_a_clinician() -> None:
    for entry in load_help().entries:
        if "CREST" in entry.sources:
            assert "general guidance" in entry.text, entry.id
            assert any(word in entry.text for word in ("clinician", "doctor", "physiotherapist", "emergency")), entry.id


def test_warning_signs_say_where_to_go() -> None:
    for entry in load_help().entries:
        if entry.level == "urgent_care":
            assert "emergency" in entry.text or "urgent" in entry.text, entry.id
        elif entry.level == "see_clinician":
            assert "doctor" in entry.text or "clinician" in entry.text, entry.id


def test_the_footer_is_one_line_naming_the_urgent_signs() -> None:
    footer = load_help().footer
    assert "\n" not in footer
    for sign in ("bladder", "numbness", "both legs", "sudden severe"):
        assert sign in footer
    # the "see a clinician" group too: it listed only the urgent signs
    for sign in ("see a clinician", "pulsing belly", "cancer", "infection", "serious fall"):
        assert sign in footer


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('id = "arms"', 'id = "surface"'), "duplicate id 'surface'"),
        (
            ('sources = ["K", "G"]\nrelated = ["in_bed"', 'sources = ["NOPE"]\nrelated = ["in_bed"'),
            "entries.surface.sources: unknown source 'NOPE'",
        ),
        (
            ('related = ["in_bed", "head_and_towel"]', 'related = ["in_bed", "no_such_entry"]'),
            "entries.surface.related: unknown entry 'no_such_entry'",
        ),
        (
            ('id = "surface"\ntopic = "position"', 'id = "surface"\ntopic = "misc"'),
            "entries.surface.topic: unknown topic 'misc'",
        ),
        (('tummy = ["belly"]', 'tummy = ["stomachache"]'), "synonyms.tummy: stomachache appear in no entry"),
        (("[sources.KR]", "[sources.K]"), "K already defined in crp.toml"),
        (
            (
                'id = "warning_aortic"\ntopic = "warning_signs"\nlevel = "urgent_care"',
                'id = "warning_aortic"\ntopic = "warning_signs"\nlevel = "soon"',
            ),
            "field entries.42.level",
        ),
    ],
)
def test_a_broken_file_names_the_field(change: tuple[str, str], message: str) -> None:
    text = bundled_text()
    assert change[0] in text
    with pytest.raises(InvalidHelp, match=message.replace(".", r"\.").replace("(", r"\(")):
        parse_help(text.replace(change[0], change[1], 1), "help.toml")


def test_not_toml_is_reported() -> None:
    with pytest.raises(InvalidHelp, match="not valid TOML"):
        parse_help("entries = = [")


def test_the_answer_on_telling_whether_it_helps_gives_progress_its_own_rule() -> None:
    # The studies' "2 points or 30%" alone read as if a fall from 8 to 6 were "better"; Progress asks for both.
    entry = load_help().entry("tracking_progress")
    assert entry is not None
    rule = f"at least {PAIN_MIN_DROP_POINTS} points and at least {PAIN_MIN_DROP_SHARE * 100}%"
    assert rule in entry.text


def test_the_answer_on_soreness_after_a_session_gives_the_check_ins_own_thresholds() -> None:
    # "My back hurts more after" had no answer: the one on pain now says what the check-in after a session does,
    # with the numbers it uses, so a change to them must change these words too.
    entry = load_help().entry("pain_during_session")
    assert entry is not None
    assert "sore after" in entry.title
    assert "check-in after the session" in entry.text
    assert f"a rise of {RISE_POINTS} points or more" in entry.text
    assert f"{SEVERE_SCORE} out of 10 or more" in entry.text
    assert "stop for today" in entry.text
    assert {"CL-PAIN", "IND-ALERTS"} <= set(entry.sources)
