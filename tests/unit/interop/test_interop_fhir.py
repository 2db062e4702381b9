"""The FHIR export: a valid collection Bundle in R5 and R4B with the right codes, values and references."""

import importlib
import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from crest.interop.fhir import (
    LATERALITY_EXTENSION,
    PSFS_QUESTIONNAIRE_URL,
    FhirVersion,
    InvalidFhirValue,
    UnknownFhirVersion,
    WarningFlag,
    check_fhir_version,
    fhir_bundle,
)
from crest.journal.records import (
    CheckIn,
    JournalContents,
    PainRating,
    PracticeSession,
    PsfsActivity,
    PsfsAssessment,
)
from crest.journal.vocabulary import CheckInTiming, Region, SessionStatus, Side

AT = datetime(2026, 5, 1, 18, 0, tzinfo=UTC)
CONTENTS = JournalContents(
    sessions=(
        PracticeSession(AT, 15, "standard", SessionStatus.COMPLETED, 900, id=1),
        PracticeSession(AT + timedelta(days=1), 15, "supported", SessionStatus.ENDED_EARLY, 400, id=2),
    ),
    check_ins=(
        CheckIn(
            AT - timedelta(minutes=2),
            CheckInTiming.BEFORE,
            1,
            (PainRating(Region.LOWER_BACK, 6), PainRating(Region.HIP, 3, Side.LEFT)),
            id=1,
        ),
        CheckIn(AT + timedelta(days=2), pain=(PainRating(Region.FRONT_OF_THIGH, 2, Side.RIGHT),), id=2),
    ),
    psfs=(PsfsAssessment(AT, (PsfsActivity("Tying my shoes", 4), PsfsActivity("Gardening", 2)), id=1),),
)


def _resources(text: str, kind: str) -> list[dict[str, Any]]:
    bundle = json.loads(text)
    return [entry["resource"] for entry in bundle["entry"] if entry["resource"]["resourceType"] == kind]


@pytest.mark.parametrize("version", ["R5", "R4B"])
def test_a_collection_bundle_with_every_kind_of_record(version: str) -> None:
    text = fhir_bundle(CONTENTS, check_fhir_version(version))
    bundle = json.loads(text)
    assert (bundle["resourceType"], bundle["type"]) == ("Bundle", "collection")
    patient = _resources(text, "Patient")
    assert len(patient) == 1 and "name" not in patient[0]
    pain = [o for o in _resources(text, "Observation") if o["code"]["coding"][0]["code"] == "72514-3"]
    assert sorted(o["valueInteger"] for o in pain) == [2, 3, 6]
    assert all(o["status"] == "final" and o["category"][0]["coding"][0]["code"] == "survey" for o in pain)
    procedures = _resources(text, "Procedure")
    assert [p["status"] for p in procedures] == ["completed", "stopped"]
    assert all(p["code"]["coding"][0]["code"] == "229065009" for p in procedures)
    period = procedures[0]["occurrencePeriod" if version == "R5" else "performedPeriod"]
    assert period == {"start": "2026-05-01T18:00:00Z", "end": "2026-05-01T18:15:00Z"}
    durations = [o for o in _resources(text, "Observation") if o["code"]["coding"][0]["code"] == "55411-3"]
    assert [o["valueQuantity"]["value"] for o in durations] == [15, 6.67]
    assert durations[0]["partOf"][0]["reference"] == f"urn:uuid:{procedures[0]['id']}"
    questionnaire = _resources(text, "Questionnaire")[0]
    assert questionnaire["url"] == PSFS_QUESTIONNAIRE_URL
    response = _resources(text, "QuestionnaireResponse")[0]
    assert response["questionnaire"].startswith(PSFS_QUESTIONNAIRE_URL)
    answers = [item["item"][1]["answer"][0]["valueInteger"] for item in response["item"]]
    assert answers == [4, 2]
    full_urls = {entry["fullUrl"] for entry in bundle["entry"]}
    assert patient[0]["id"] in {url.removeprefix("urn:uuid:") for url in full_urls}


def test_r4b_carries_laterality_with_the_extension() -> None:
    pain = _resources(fhir_bundle(CONTENTS, "R4B"), "Observation")
    hip = next(o for o in pain if o.get("bodySite", {}).get("coding", [{}])[0].get("code") == "29836001")
    (extension,) = hip["bodySite"]["extension"]
    assert extension["url"] == LATERALITY_EXTENSION
    assert extension["valueCodeableConcept"]["coding"][0]["code"] == "7771000"
    back = next(o for o in pain if o.get("bodySite", {}).get("coding", [{}])[0].get("code") == "37822005")
    assert "extension" not in back["bodySite"]


def test_r5_points_to_a_body_structure_with_laterality_and_qualifier() -> None:
    text = fhir_bundle(CONTENTS, "R5")
    structures = {s["id"]: s["includedStructure"][0] for s in _resources(text, "BodyStructure")}
    thigh = next(s for s in structures.values() if s["structure"]["coding"][0]["code"] == "68367000")
    assert thigh["laterality"]["coding"][0]["code"] == "24028007"
    assert thigh["qualifier"][0]["coding"][0]["code"] == "255549009"
    pain = [o for o in _resources(text, "Observation") if "bodyStructure" in o]
    assert len(pain) == 3
    assert all(o["bodyStructure"]["reference"].removeprefix("urn:uuid:") in structures for o in pain)


def test_a_name_only_when_given_and_the_same_journal_exports_the_same_bundle() -> None:
    named = _resources(fhir_bundle(CONTENTS, "R5", patient_name="  Jo   Bloggs "), "Patient")[0]
    assert named["name"] == [{"text": "Jo Bloggs"}]
    assert fhir_bundle(CONTENTS, "R5") == fhir_bundle(CONTENTS, "R5")


def test_a_name_that_is_not_plain_text_is_refused() -> None:
    for name in ("\ud800", "x" * 201):
        with pytest.raises(InvalidFhirValue, match="plain text"):
            fhir_bundle(CONTENTS, "R5", patient_name=name)
    with pytest.raises(InvalidFhirValue, match=re.escape("a hidden control character (\\x00)")):
        fhir_bundle(CONTENTS, "R5", patient_name="Jo\x00")


def test_unknown_version() -> None:
    assert check_fhir_version("r4b") == "R4B"
    with pytest.raises(UnknownFhirVersion, match="choose R5 or R4B"):
        check_fhir_version("R3")


@pytest.mark.parametrize("version", ["R5", "R4B"])
def test_what_a_pain_is_like_goes_in_the_ratings_note_and_each_standing_sign_is_an_active_flag(version: str) -> None:
    tingling = CheckIn(AT, pain=(PainRating(Region.CALF_AND_SHIN, 4, Side.LEFT, "tingling"),), id=3)
    contents = JournalContents(sessions=(), check_ins=(tingling,), psfs=())
    sign = WarningFlag("seek urgent care: warning sign in a check-in of 1 May 2026: pain in both legs", AT)
    text = fhir_bundle(contents, check_fhir_version(version), warnings=[sign])
    [pain] = _resources(text, "Observation")
    assert pain["note"] == [{"text": "the pain is tingling"}]
    [flag] = _resources(text, "Flag")
    assert (flag["status"], flag["code"]["text"], flag["period"]["start"]) == (
        "active",
        sign.text,
        "2026-05-01T18:00:00Z",
    )
    assert flag["category"][0]["coding"][0]["code"] == "clinical"
    assert flag["subject"]["reference"] == f"urn:uuid:{_resources(text, 'Patient')[0]['id']}"
    assert _resources(fhir_bundle(contents, check_fhir_version(version)), "Flag") == []


def _every_variant(count: int) -> tuple[JournalContents, list[WarningFlag]]:
    """`count` days of rests and check-ins in every variant the builder makes: finished or still running, places
    with and without a side, a quality or none, times in a zone off UTC by half an hour and to the microsecond."""
    zone = ZoneInfo("America/St_Johns")
    start = datetime(2026, 3, 1, 7, 0, 0, 250_000, tzinfo=zone)
    running = PracticeSession(start + timedelta(days=count), 15, "supported", SessionStatus.RUNNING, 61, id=count + 1)
    sessions = (
        *(
            PracticeSession(start + timedelta(days=day), 15, "standard", SessionStatus.COMPLETED, 900, id=day + 1)
            for day in range(count)
        ),
        running,
    )
    check_ins = tuple(
        CheckIn(
            start + timedelta(days=day, minutes=20),
            CheckInTiming.AFTER if day % 2 else CheckInTiming.STANDALONE,
            day + 1 if day % 2 else None,
            (PainRating(Region.LOWER_BACK, day % 11), PainRating(Region.HIP, 3, Side.LEFT, "tingling")),
            id=day + 1,
        )
        for day in range(count)
    )
    psfs = (PsfsAssessment(start, (PsfsActivity("Zoë's garden ✓", 4),), id=1),)
    warnings = [WarningFlag("see a clinician: a “yes” to “night pain”", start)]
    return JournalContents(sessions=sessions, check_ins=check_ins, psfs=psfs), warnings


@pytest.mark.parametrize("version", ["R5", "R4B"])
def test_the_bundle_is_byte_for_byte_what_fhir_resources_writes_of_it(version: FhirVersion) -> None:
    """The export used to validate and write every resource through fhir.resources: it still writes those bytes."""
    contents, warnings = _every_variant(30)
    text = fhir_bundle(contents, version, "Zoë Bloggs", warnings, person_key="someone")
    module = "fhir.resources.bundle" if version == "R5" else "fhir.resources.R4B.bundle"
    bundle = importlib.import_module(module).Bundle
    assert text == bundle.model_validate(json.loads(text)).model_dump_json(indent=2) + "\n"


@pytest.mark.parametrize("version", ["R5", "R4B"])
def test_a_long_journal_is_validated_by_one_entry_of_each_shape(
    version: FhirVersion, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Validating 60,000 resources one by one took ten times the JSON export; entries alike are checked once."""
    module = importlib.import_module("fhir.resources.bundle" if version == "R5" else "fhir.resources.R4B.bundle")
    validated_entries: list[int] = []
    validate = module.Bundle.model_validate

    def counting(document: dict[str, Any]) -> object:
        validated_entries.append(len(document["entry"]))
        return validate(document)

    monkeypatch.setattr(module.Bundle, "model_validate", counting)
    contents, warnings = _every_variant(200)
    text = fhir_bundle(contents, version, warnings=warnings)
    assert len(json.loads(text)["entry"]) > 800
    assert validated_entries and sum(validated_entries) < 20
