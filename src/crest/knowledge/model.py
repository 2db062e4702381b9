"""Help entries as data: the questions people ask about constructive rest, answered from crest's sources.

Pure: the models validate themselves; reading the file lives in `loader.py`. An entry with a `level` is a
warning sign (crp-facts.md section 5): it is shown only when a red-flag rule fires, pinned above every answer.
"""

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from crest.knowledge.text import words
from crest.protocol.model import Source

WarningLevel = Literal["urgent_care", "see_clinician"]
WARNING_HEADINGS: Mapping[WarningLevel, str] = {  # shown above a pinned warning sign, in every door
    "urgent_care": "Seek urgent medical care now",
    "see_clinician": "See a clinician before you continue",
}
WARNING_TOPIC = "warning_signs"
MIN_ENTRIES = 30
INHERITED_SOURCES = "inherited_sources"  # validation context: sources already defined elsewhere (crp.toml)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Topic(_Frozen):
    title: str = Field(min_length=3)


class HelpEntry(_Frozen):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    topic: str
    title: str = Field(min_length=5)
    text: str = Field(min_length=40, max_length=900, description="the answer, for a person lying on the floor")
    sources: tuple[str, ...] = Field(min_length=1)
    related: tuple[str, ...] = ()
    also_asked: tuple[str, ...] = Field(default=(), description="the same question in people's own words")
    level: WarningLevel | None = None

    @property
    def is_warning_sign(self) -> bool:
        return self.level is not None


class HelpContent(_Frozen):
    footer: str = Field(min_length=20, max_length=400, description="the one-line warning signs under every answer")
    nothing_found: str = Field(min_length=10)
    not_english: str = Field(min_length=10, description="the one line beside a question in another language")
    topics: dict[str, Topic] = Field(min_length=1)
    sources: dict[str, Source]
    synonyms: dict[str, tuple[str, ...]] = Field(
        default_factory=dict, description="a lay word -> words the entries use for it"
    )
    entries: tuple[HelpEntry, ...] = Field(min_length=MIN_ENTRIES)

    @field_validator("sources", mode="before")
    @classmethod
    def _add_inherited_sources(cls, own: Any, info: ValidationInfo) -> Any:
        inherited: Mapping[str, Source] = (info.context or {}).get(INHERITED_SOURCES, {})
        if not isinstance(own, Mapping):
            return own
        twice = sorted(set(own) & set(inherited))
        if twice:
            raise ValueError(f"{', '.join(twice)} already defined in crp.toml; cite it without redefining it")
        return {**inherited, **own}

    @model_validator(mode="after")
    def _references_are_known(self) -> "HelpContent":
        ids = [entry.id for entry in self.entries]
        seen: set[str] = set()
        for entry_id in ids:
            if entry_id in seen:
                raise ValueError(f"entries: duplicate id {entry_id!r}")
            seen.add(entry_id)
        for entry in self.entries:
            where = f"entries.{entry.id}"
            if entry.topic not in self.topics:
                raise ValueError(f"{where}.topic: unknown topic {entry.topic!r}")
            if entry.is_warning_sign != (entry.topic == WARNING_TOPIC):
                raise ValueError(f"{where}.level: warning signs, and only they, have a level and topic {WARNING_TOPIC}")
            if not entry.is_warning_sign and not entry.also_asked:
                raise ValueError(f"{where}.also_asked: give at least one lay phrasing")
            for key in entry.sources:
                if key not in self.sources:
                    raise ValueError(f"{where}.sources: unknown source {key!r}")
            for other in entry.related:
                if other not in seen or other == entry.id:
                    raise ValueError(f"{where}.related: unknown entry {other!r}")
        vocabulary = self.vocabulary()
        for lay_word, targets in self.synonyms.items():
            unused = [target for target in targets if target not in vocabulary]
            if unused:
                raise ValueError(f"synonyms.{lay_word}: {', '.join(unused)} appear in no entry")
        return self

    @property
    def answers(self) -> tuple[HelpEntry, ...]:
        """The entries ordinary search may return: every entry but the warning signs."""
        return tuple(entry for entry in self.entries if not entry.is_warning_sign)

    def entry(self, entry_id: str) -> HelpEntry | None:
        return next((entry for entry in self.entries if entry.id == entry_id), None)

    def vocabulary(self, warning_signs: bool = False) -> frozenset[str]:
        """Every word the searchable entries use (title, answer, "also asked as"); the warning signs' too if asked."""
        found: set[str] = set()
        for entry in self.entries if warning_signs else self.answers:
            for text in (entry.title, entry.text, *entry.also_asked):
                found.update(words(text))
        return frozenset(found)

    def source_titles(self, keys: tuple[str, ...]) -> list[str]:
        return [self.sources[key].title for key in keys]
