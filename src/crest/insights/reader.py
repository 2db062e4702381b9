"""Who reads the words about a person's progress: the person themselves ("you"), or their clinician, to whom the
same numbers speak of the person in the third person. One switch for every sentence, never a second copy."""

from dataclasses import dataclass
from enum import StrEnum


class Reader(StrEnum):
    PERSON = "person"
    CLINICIAN = "clinician"  # a practitioner in practice mode, or the report the person hands over


@dataclass(frozen=True)
class SpokenOf:
    """How a sentence names the person it is about, for its reader: "you", or "Ann" (or "the person") to a clinician."""

    name: str  # "you", "Ann", "the person"
    name_s: str  # "your", "Ann's", "the person's"
    their: str  # "your", "their": the possessive once the person is named
    was: str  # "were", "was": the past of "to be" after `name`


def spoken_of(reader: Reader, client_name: str | None = None) -> SpokenOf:
    if reader is Reader.PERSON:
        return SpokenOf("you", "your", "your", "were")
    if client_name:
        return SpokenOf(client_name, f"{client_name}'s", "their", "was")
    return SpokenOf("the person", "the person's", "their", "was")


def sentence(text: str) -> str:
    """The first letter upper-case, the rest as written ("the person's" -> "The person's", "PSFS" stays)."""
    return text[:1].upper() + text[1:]
