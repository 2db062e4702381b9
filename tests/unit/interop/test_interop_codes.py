"""One test per row of the code table: each SNOMED CT code and display as found in a published terminology source.

How each display was verified (search over published FHIR implementation guides and SNOMED material):
- body structures: the Belgian eHealth referral IG (hl7-be/referral) value set be-vs-diagnostic-imaging-indication,
  which lists SNOMED CT fully specified names of a 2026 edition; the HL7 patient-reported symptoms IG; SNOMED
  International's anatomy authoring guide (37822005 |Lower back structure|); an HL7 immunization IG table
  (46862004 Buttock structure); DICOM CID 4031 (818983003 Abdomen).
- upper back, neck, lower leg, foot: IHE PCC mobile Paramedicine Summary of Care value set "Physical Finding of Back
  and Spine Target Site" (1141986006 Structure of thoracic vertebral column region, for the upper back); FHIR
  implementation guide and example sources listing 45048000 Neck structure, 30021000 Lower leg structure and
  56459004 Foot structure (found with the code search over public FHIR material).
- laterality: hl7.org FHIR R5 value set bodystructure-relative-location (SNOMED CT International 2022-07-31):
  7771000 Left, 24028007 Right, 51440002 (FSN "Right and left (qualifier value)", also shown as "Bilateral").
- 255549009 Anterior: FHIR BodySite examples (modifier "Anterior"); 229065009 Exercise therapy (regime/therapy).
"""

import pytest

from crest.interop.codes import (
    ANTERIOR,
    BODY_SITES,
    EXERCISE_DURATION,
    EXERCISE_THERAPY,
    FLAG_CLINICAL,
    LATERALITY,
    LOINC,
    PAIN_SCORE,
    SNOMED,
)
from crest.journal.vocabulary import Region, Side


@pytest.mark.parametrize(
    ("region", "code", "display"),
    [
        (Region.LOWER_BACK, "37822005", "Lower back structure"),
        (Region.BUTTOCK, "46862004", "Buttock structure"),
        (Region.SACROILIAC_JOINT, "39723000", "Sacroiliac joint structure"),
        (Region.GROIN, "26893007", "Inguinal region structure"),
        (Region.FRONT_OF_THIGH, "68367000", "Thigh structure"),
        (Region.HIP, "29836001", "Hip region structure"),
        (Region.KNEE, "72696002", "Knee region structure"),
        (Region.PELVIS, "12921003", "Structure of pelvis"),
        (Region.ABDOMEN, "818983003", "Abdomen"),
        (Region.UPPER_BACK, "1141986006", "Structure of thoracic vertebral column region"),
        (Region.NECK, "45048000", "Neck structure"),
        (Region.CALF_AND_SHIN, "30021000", "Lower leg structure"),
        (Region.FOOT, "56459004", "Foot structure"),
    ],
)
def test_region_codes(region: Region, code: str, display: str) -> None:
    structure = BODY_SITES[region].structure
    assert (structure.system, structure.code, structure.display) == (SNOMED, code, display)


def test_only_the_front_of_the_thigh_carries_a_qualifier() -> None:
    assert BODY_SITES[Region.FRONT_OF_THIGH].qualifier == ANTERIOR
    assert (ANTERIOR.code, ANTERIOR.display) == ("255549009", "Anterior")
    assert [region for region, site in BODY_SITES.items() if site.qualifier] == [Region.FRONT_OF_THIGH]


def test_every_region_has_a_code() -> None:
    assert set(BODY_SITES) == set(Region)


@pytest.mark.parametrize(
    ("side", "code", "display"),
    [
        (Side.LEFT, "7771000", "Left"),
        (Side.RIGHT, "24028007", "Right"),
        (Side.BOTH, "51440002", "Right and left"),
    ],
)
def test_side_codes(side: Side, code: str, display: str) -> None:
    laterality = LATERALITY[side]
    assert laterality is not None
    assert (laterality.system, laterality.code, laterality.display) == (SNOMED, code, display)


def test_centre_has_no_laterality() -> None:
    assert LATERALITY[Side.CENTRE] is None
    assert set(LATERALITY) == set(Side)


def test_measurement_codes() -> None:
    assert (PAIN_SCORE.system, PAIN_SCORE.code) == (LOINC, "72514-3")
    assert PAIN_SCORE.display == "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
    assert (EXERCISE_DURATION.code, EXERCISE_DURATION.display) == ("55411-3", "Exercise duration")
    assert (EXERCISE_THERAPY.system, EXERCISE_THERAPY.code) == (SNOMED, "229065009")
    assert (FLAG_CLINICAL.system, FLAG_CLINICAL.code, FLAG_CLINICAL.display) == (
        "http://terminology.hl7.org/CodeSystem/flag-category",  # HL7 Terminology (THO), CodeSystem flag-category
        "clinical",
        "Clinical",
    )
