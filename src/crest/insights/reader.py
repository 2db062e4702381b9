"""Who reads the words about a person's progress: the person themselves ("you"), or their clinician, to whom the
same numbers speak of the person in the third person. One switch for every sentence, never a second copy."""

from enum import StrEnum


class Reader(StrEnum):
    PERSON = "person"
    CLINICIAN = "clinician"  # a practitioner in practice mode, or the report the person hands over
