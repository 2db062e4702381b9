"""The one table of standard codes crest exports: body regions to SNOMED CT, sides to laterality, and the LOINC and
SNOMED codes of what is measured. fhir.resources checks a resource's structure, never its codes: this table and its
test (one per row) are what keep the codes right.

Displays were checked against published terminology (see the test module for the source of each row): SNOMED CT
body structures in HL7 FHIR implementation guides built on recent editions (the Belgian eHealth referral guide's
value sets, HL7's patient-reported symptoms guide) and the laterality qualifiers in the FHIR R5 value set
`bodystructure-relative-location` (SNOMED CT International edition, 31 July 2022).
"""

from collections.abc import Mapping
from dataclasses import dataclass

from crest.journal.vocabulary import Region, Side

SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
FLAG_CATEGORY = "http://terminology.hl7.org/CodeSystem/flag-category"


@dataclass(frozen=True)
class Code:
    system: str
    code: str
    display: str


@dataclass(frozen=True)
class BodySite:
    structure: Code
    qualifier: Code | None = None  # e.g. anterior, for the front of the thigh


def _snomed(code: str, display: str) -> Code:
    return Code(SNOMED, code, display)


ANTERIOR = _snomed("255549009", "Anterior")

BODY_SITES: Mapping[Region, BodySite] = {
    Region.LOWER_BACK: BodySite(_snomed("37822005", "Lower back structure")),
    Region.BUTTOCK: BodySite(_snomed("46862004", "Buttock structure")),
    Region.SACROILIAC_JOINT: BodySite(_snomed("39723000", "Sacroiliac joint structure")),
    Region.GROIN: BodySite(_snomed("26893007", "Inguinal region structure")),
    Region.FRONT_OF_THIGH: BodySite(_snomed("68367000", "Thigh structure"), ANTERIOR),
    Region.HIP: BodySite(_snomed("29836001", "Hip region structure")),
    Region.KNEE: BodySite(_snomed("72696002", "Knee region structure")),
    Region.PELVIS: BodySite(_snomed("12921003", "Structure of pelvis")),
    Region.ABDOMEN: BodySite(_snomed("818983003", "Abdomen")),
    Region.UPPER_BACK: BodySite(_snomed("1141986006", "Structure of thoracic vertebral column region")),
    Region.NECK: BodySite(_snomed("45048000", "Neck structure")),
    Region.CALF_AND_SHIN: BodySite(_snomed("30021000", "Lower leg structure")),
    Region.FOOT: BodySite(_snomed("56459004", "Foot structure")),
}

# "centre" names a place on the midline: it has no laterality.
LATERALITY: Mapping[Side, Code | None] = {
    Side.LEFT: _snomed("7771000", "Left"),
    Side.RIGHT: _snomed("24028007", "Right"),
    Side.BOTH: _snomed("51440002", "Right and left"),
    Side.CENTRE: None,
}

PAIN_SCORE = Code(LOINC, "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported")
EXERCISE_DURATION = Code(LOINC, "55411-3", "Exercise duration")
EXERCISE_THERAPY = _snomed("229065009", "Exercise therapy")
SURVEY = Code(OBSERVATION_CATEGORY, "survey", "Survey")
ACTIVITY = Code(OBSERVATION_CATEGORY, "activity", "Activity")
MINUTES = Code(UCUM, "min", "min")
# HL7 Terminology's flag categories (the FHIR R4, R4B and R5 value set `flag-category`): "related to the subject's
# clinical data", which a warning sign is.
FLAG_CLINICAL = Code(FLAG_CATEGORY, "clinical", "Clinical")
