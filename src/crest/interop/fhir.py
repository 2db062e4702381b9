"""The journal as an HL7 FHIR `Bundle` of type `collection` (R5, or R4B for older systems): data in, JSON text out.

- a `Patient`, with no name unless the person gives one;
- each pain rating an `Observation` (final, category survey, LOINC 72514-3, `valueInteger` 0-10) at its body site:
  R5 points to a `BodyStructure` (structure, laterality, qualifier); R4B codes `bodySite` and adds the laterality
  with the `observation-structureLaterality` extension;
- each session a `Procedure` (SNOMED 229065009 exercise therapy, its period and status) with an `Observation` of
  its duration (LOINC 55411-3, minutes); a demo (run faster than real time) is left out: a `Procedure` says the
  therapy was done for its period, FHIR has no standard way to say "do not count this one", and a receiving
  system would count it. The JSON and CSV exports keep demos, flagged, and nothing reads a bundle back in;
- what a pain is like (aching, sharp, burning, tingling, numb), when the person said, as the rating's note in words:
  crest has no verified code for each quality, and a guessed code would mislead a receiving system more than text;
- PSFS as crest's `Questionnaire` and one `QuestionnaireResponse` per round;
- each warning sign that stands (a "yes" to a red-flag question, or a check-in's sign, kept ones too) an active
  `Flag` (category clinical) saying what it is and crest's advice, so a receiving system shows it, as the report does.

Every resource is built and validated with `fhir.resources`; that library checks structure, not codes or ranges,
so the codes come from `interop.codes` and the values are checked here. Ids are derived from the person's key and the
journal's own ids, so the same journal always exports the same bundle, and two people's bundles share no id.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

import pydantic_core

from crest.errors import CrestError, hidden_control, hidden_control_refused
from crest.input_problems import quoted
from crest.insights.pain import Place
from crest.interop.codes import (
    ACTIVITY,
    BODY_SITES,
    EXERCISE_DURATION,
    EXERCISE_THERAPY,
    FLAG_CLINICAL,
    LATERALITY,
    MINUTES,
    PAIN_SCORE,
    SURVEY,
    BodySite,
    Code,
)
from crest.journal.records import (
    MAX_PAIN_SCORE,
    MAX_PSFS_ACTIVITIES,
    MAX_PSFS_SCORE,
    MIN_PAIN_SCORE,
    MIN_PSFS_SCORE,
    CheckIn,
    JournalContents,
    PainRating,
    PracticeSession,
    PsfsAssessment,
)
from crest.journal.vocabulary import SessionStatus

FhirVersion = Literal["R5", "R4B"]
FHIR_VERSIONS: tuple[FhirVersion, ...] = ("R5", "R4B")
LATERALITY_EXTENSION = "http://hl7.org/fhir/StructureDefinition/observation-structureLaterality"
# crest has no web site of its own: the reserved .invalid domain says that this URL names, and never resolves.
CANONICAL_BASE = "https://crest.invalid/fhir"
PSFS_QUESTIONNAIRE_URL = f"{CANONICAL_BASE}/Questionnaire/psfs"
PSFS_QUESTIONNAIRE_VERSION = "1"
MAX_NAME_CHARACTERS = 200
_IDS = uuid.UUID("6c1c1a55-7a0e-4c39-9d0a-63726573740a")  # crest's namespace for the bundle's stable ids

_STATUS: dict[SessionStatus, str] = {
    SessionStatus.RUNNING: "in-progress",
    SessionStatus.COMPLETED: "completed",
    SessionStatus.ENDED_EARLY: "stopped",
    SessionStatus.INTERRUPTED: "stopped",
}


class UnknownFhirVersion(CrestError):
    """A FHIR version other than R5 or R4B."""


class InvalidFhirValue(CrestError):
    """A value FHIR would carry but crest's own checks refuse (a score out of range, a place without a code)."""


def check_fhir_version(version: str) -> FhirVersion:
    for known in FHIR_VERSIONS:
        if version.strip().upper() == known:
            return known
    raise UnknownFhirVersion(f"unknown FHIR version {quoted(version)}; choose R5 or R4B")


@dataclass(frozen=True)
class WarningFlag:
    """A warning sign that stands, for a `Flag`: what it is with crest's advice, and when it was raised."""

    text: str
    since: datetime


def fhir_bundle(
    contents: JournalContents,
    version: FhirVersion,
    patient_name: str | None = None,
    warnings: Sequence[WarningFlag] = (),
    person_key: str = "",
) -> str:
    """The journal's sessions, pain ratings and PSFS rounds, and the warning signs that stand, as one validated FHIR
    Bundle, in JSON. `person_key` tells the person apart from every other: every id in the bundle derives from it,
    so two people's bundles never share a Patient (a receiving system matching by id would merge them)."""
    builder = _Builder(version, person_key)
    entries = [builder.entry(builder.patient(patient_name))]
    entries += [builder.entry(builder.flag(warning)) for warning in warnings]
    if version == "R5":
        entries += [builder.entry(resource) for resource in builder.body_structures(contents.check_ins)]
    for session in (one for one in contents.sessions if not one.demo):
        entries.append(builder.entry(builder.procedure(session)))
        entries.append(builder.entry(builder.duration(session)))
    for check_in in contents.check_ins:
        entries += [builder.entry(builder.pain(check_in, rating)) for rating in check_in.pain]
    if contents.psfs:
        entries.append(builder.entry(builder.questionnaire()))
        entries += [builder.entry(builder.questionnaire_response(one)) for one in contents.psfs]
    document = {"resourceType": "Bundle", "id": builder.id_of("bundle"), "type": "collection", "entry": entries}
    return builder.validated(document)


class _Builder:
    def __init__(self, version: FhirVersion, person_key: str) -> None:
        self.version = version
        self.namespace = uuid.uuid5(_IDS, person_key)  # this person's: no id is shared with another's bundle
        self.patient_id = self.id_of("patient")
        self.subject = self.reference(self.patient_id)  # one dict, shared by every resource: the bundle is written once

    def id_of(self, *parts: object) -> str:
        return str(uuid.uuid5(self.namespace, "/".join(str(part) for part in parts)))

    def entry(self, resource: dict[str, Any]) -> dict[str, Any]:
        return {"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource}

    def reference(self, resource_id: str) -> dict[str, str]:
        return {"reference": f"urn:uuid:{resource_id}"}

    def patient(self, name: str | None) -> dict[str, Any]:
        patient: dict[str, Any] = {"resourceType": "Patient", "id": self.patient_id}
        if name is not None and name.strip():
            patient["name"] = [{"text": checked_name(name)}]
        return patient

    def place_id(self, place: Place) -> str:
        return self.id_of("body-structure", place.region, place.side or "")

    def body_structures(self, check_ins: tuple[CheckIn, ...]) -> Iterator[dict[str, Any]]:
        """R5: one BodyStructure per rated place, which the pain observations point to."""
        places = sorted({Place(rating.region, rating.side) for check_in in check_ins for rating in check_in.pain})
        for place in places:
            site = _body_site(place)
            included: dict[str, Any] = {"structure": _concept(site.structure)}
            laterality = LATERALITY[place.side] if place.side is not None else None
            if laterality is not None:
                included["laterality"] = _concept(laterality)
            if site.qualifier is not None:
                included["qualifier"] = [_concept(site.qualifier)]
            yield {
                "resourceType": "BodyStructure",
                "id": self.place_id(place),
                "includedStructure": [included],
                "description": place.label,
                "patient": self.subject,
            }

    def pain(self, check_in: CheckIn, rating: PainRating) -> dict[str, Any]:
        if not MIN_PAIN_SCORE <= rating.score <= MAX_PAIN_SCORE:
            raise InvalidFhirValue(f"pain score {rating.score} is outside 0-10")
        place = Place(rating.region, rating.side)
        observation: dict[str, Any] = {
            "resourceType": "Observation",
            "id": self.id_of("pain", check_in.id, rating.region, rating.side or ""),
            "status": "final",
            "category": [_concept(SURVEY)],
            "code": _concept(PAIN_SCORE, "Pain (0-10)"),
            "subject": self.subject,
            "effectiveDateTime": check_in.at,
            "valueInteger": rating.score,
        }
        said = [f"rated {check_in.timing.label}"] if check_in.timing != "standalone" else []
        said += [] if rating.quality is None else [f"the pain is {rating.quality.label}"]
        if said:
            observation["note"] = [{"text": "; ".join(said)}]
        if self.version == "R5":
            observation["bodyStructure"] = self.reference(self.place_id(place))
        else:
            laterality = LATERALITY[place.side] if place.side is not None else None
            site = (
                {}
                if laterality is None
                else {"extension": [{"url": LATERALITY_EXTENSION, "valueCodeableConcept": _concept(laterality)}]}
            )
            observation["bodySite"] = site | _concept(_body_site(place).structure, place.label)
        return observation

    def flag(self, warning: WarningFlag) -> dict[str, Any]:
        return {
            "resourceType": "Flag",
            "id": self.id_of("flag", warning.text, warning.since.isoformat()),
            "status": "active",
            "category": [_concept(FLAG_CLINICAL)],
            "code": {"text": warning.text},
            "subject": self.subject,
            "period": {"start": warning.since},
        }

    def procedure(self, session: PracticeSession) -> dict[str, Any]:
        period: dict[str, datetime] = {"start": session.started_at}
        if session.finished:
            period["end"] = session.started_at + timedelta(seconds=session.actual_seconds)
        rested = f"{session.actual_seconds // 60} min {session.actual_seconds % 60} s rested"
        return {
            "resourceType": "Procedure",
            "id": self.id_of("session", session.id),
            "status": _STATUS[session.status],
            "code": _concept(EXERCISE_THERAPY, f"Constructive rest position ({session.variant})"),
            "subject": self.subject,
            "occurrencePeriod" if self.version == "R5" else "performedPeriod": period,
            "note": [
                {
                    "text": f"{session.variant} variant, {session.planned_minutes} minutes planned, "
                    f"{rested} ({session.status.label})"
                }
            ],
        }

    def duration(self, session: PracticeSession) -> dict[str, Any]:
        return {
            "resourceType": "Observation",
            "id": self.id_of("duration", session.id),
            "partOf": [self.reference(self.id_of("session", session.id))],
            "status": "final" if session.finished else "preliminary",
            "category": [_concept(ACTIVITY)],
            "code": _concept(EXERCISE_DURATION),
            "subject": self.subject,
            "effectiveDateTime": session.started_at,
            "valueQuantity": {
                "value": round(session.actual_seconds / 60, 2),
                "unit": MINUTES.display,
                "system": MINUTES.system,
                "code": MINUTES.code,
            },
        }

    def questionnaire(self) -> dict[str, Any]:
        groups = [
            {
                "linkId": f"activity-{number}",
                "text": f"Activity {number}",
                "type": "group",
                "required": number == 1,
                "item": [
                    {
                        "linkId": f"activity-{number}-name",
                        "text": "An activity your back or hip makes hard",
                        "type": "string",
                        "required": True,
                    },
                    {
                        "linkId": f"activity-{number}-score",
                        "text": f"How well can you do it now? {MIN_PSFS_SCORE} unable, {MAX_PSFS_SCORE} as before",
                        "type": "integer",
                        "required": True,
                    },
                ],
            }
            for number in range(1, MAX_PSFS_ACTIVITIES + 1)
        ]
        questionnaire: dict[str, Any] = {
            "resourceType": "Questionnaire",
            "id": self.id_of("questionnaire", "psfs"),
            "url": PSFS_QUESTIONNAIRE_URL,
            "version": PSFS_QUESTIONNAIRE_VERSION,
            "name": "CrestPSFS",
            "title": "Patient-Specific Functional Scale, as recorded by crest",
            "status": "active",
            "subjectType": ["Patient"],
            "description": "Up to five activities the person names, each rated from 0 (unable) to 10 (as before the "
            "problem); the score is the mean. After Stratford P et al., Physiotherapy Canada 1995;47(4):258-263.",
            "item": groups,
        }
        return questionnaire

    def questionnaire_response(self, assessment: PsfsAssessment) -> dict[str, Any]:
        items = []
        for number, activity in enumerate(assessment.activities, start=1):
            if not MIN_PSFS_SCORE <= activity.score <= MAX_PSFS_SCORE:
                raise InvalidFhirValue(f"PSFS score {activity.score} is outside 0-10")
            items.append(
                {
                    "linkId": f"activity-{number}",
                    "item": [
                        {"linkId": f"activity-{number}-name", "answer": [{"valueString": activity.name}]},
                        {"linkId": f"activity-{number}-score", "answer": [{"valueInteger": activity.score}]},
                    ],
                }
            )
        return {
            "resourceType": "QuestionnaireResponse",
            "id": self.id_of("psfs", assessment.id),
            "questionnaire": f"{PSFS_QUESTIONNAIRE_URL}|{PSFS_QUESTIONNAIRE_VERSION}",
            "status": "completed",
            "subject": self.subject,
            "authored": assessment.at,
            "item": items,
        }

    def validated(self, document: dict[str, Any]) -> str:
        """Validate with fhir.resources (imported here: its models take a moment to load) one entry of each shape,
        and serialise the whole bundle as fhir.resources writes it.

        Validating and writing every resource through fhir.resources took ten times the JSON export (40 s of CPU
        for 15,000 sessions). Entries of one shape (the same elements, nested alike, each of the same type) differ
        only in values crest checks itself (scores, names, aware times), so one of each proves the structure."""
        if self.version == "R5":
            from fhir.resources.bundle import Bundle
        else:
            from fhir.resources.R4B.bundle import Bundle  # type: ignore[assignment]
        one_of_each: dict[object, dict[str, Any]] = {}
        for entry in document["entry"]:
            one_of_each.setdefault(_shape(entry), entry)
        Bundle.model_validate(document | {"entry": list(one_of_each.values())})
        # The builder's dicts hold FHIR's element order and pydantic_core is fhir.resources' own writer: the same bytes
        return pydantic_core.to_json(document, indent=2).decode() + "\n"


def _shape(value: object) -> object:
    """What FHIR's structure checks depend on: the elements, nested, and the type of each value, not the value."""
    kind = type(value)
    if kind is dict:
        return tuple([(key, _shape(item)) for key, item in value.items()])  # type: ignore[attr-defined]
    if kind is list:
        return tuple([_shape(item) for item in value])  # type: ignore[attr-defined]
    return kind


def checked_name(name: str) -> str:
    """The name as the Patient carries it, its spaces collapsed; one refusal for every door that sends it (crest
    export --name, /api/export, the Report page). A pasted control character is unseen where it was typed (U+202E
    shows the name reversed): said by its escape, so that it can be found and deleted."""
    text = " ".join(name.split())
    hidden = next((character for character in text if hidden_control(character)), None)
    if hidden is not None:
        raise InvalidFhirValue(hidden_control_refused("your name", hidden))
    if len(text) > MAX_NAME_CHARACTERS or any(0xD800 <= ord(character) <= 0xDFFF for character in text):
        raise InvalidFhirValue(f"your name must be plain text of at most {MAX_NAME_CHARACTERS} characters")
    return text


def _body_site(place: Place) -> BodySite:
    try:
        return BODY_SITES[place.region]
    except KeyError:
        raise InvalidFhirValue(f"no SNOMED CT code for the region '{place.region}'") from None


def _concept(code: Code, text: str | None = None) -> dict[str, Any]:
    concept: dict[str, Any] = {"coding": [{"system": code.system, "code": code.code, "display": code.display}]}
    if text is not None:
        concept["text"] = text
    return concept
