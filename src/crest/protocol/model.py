"""The constructive rest protocol as data: setup steps, cues, timing, ending and variants.

Pure: the models validate themselves; reading the file lives in `loader.py`.
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from crest.errors import CrestError

VariantName = Literal["standard", "supported", "somatic", "side_lying"]
VARIANT_NAMES: tuple[VariantName, ...] = ("standard", "supported", "somatic", "side_lying")
# The rest on one side: what the safety screen's pregnancy advice allows while the back-lying variants are not.
SIDE_LYING_VARIANT: VariantName = "side_lying"


class UnknownVariant(CrestError):
    """A variant name other than standard, supported, somatic or side_lying."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Source(_Frozen):
    """Where a text comes from, so that every piece of guidance can name its source."""

    short: str = Field(min_length=2, description="how a text cites it, e.g. 'Koch 2005'")
    title: str = Field(min_length=3)


class SourcedText(_Frozen):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    text: str = Field(min_length=3)
    sources: tuple[str, ...] = Field(min_length=1)


class SetupStep(SourcedText):
    title: str = Field(min_length=3)


class Timing(_Frozen):
    default_minutes: int = Field(ge=1)
    min_minutes: int = Field(ge=1)
    max_minutes: int = Field(ge=1)
    usual_min_minutes: int = Field(ge=1)
    usual_max_minutes: int = Field(ge=1)
    settle_s: int = Field(ge=0, description="quiet arrival before the first rest cue")
    closing_s: int = Field(ge=0, description="the last stretch, introduced by the closing cue")
    min_cue_gap_s: int = Field(ge=30, description="cues are never closer together than this")
    checkpoint_every_s: int = Field(ge=1, le=30)

    @model_validator(mode="after")
    def _ranges_are_ordered(self) -> "Timing":
        if not self.min_minutes <= self.usual_min_minutes <= self.usual_max_minutes <= self.max_minutes:
            raise ValueError("expected min_minutes <= usual_min_minutes <= usual_max_minutes <= max_minutes")
        if not self.min_minutes <= self.default_minutes <= self.max_minutes:
            raise ValueError("default_minutes must lie between min_minutes and max_minutes")
        if self.settle_s + self.closing_s >= self.min_minutes * 60:
            raise ValueError("settle_s + closing_s must leave time to rest in the shortest session")
        return self


class Movement(_Frozen):
    """One part of a slow movement round (the somatic variant): arch, press, release."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    text: str = Field(min_length=3)
    seconds: int = Field(ge=3, le=120)


class Variant(_Frozen):
    title: str = Field(min_length=3)
    summary: str = Field(min_length=3)
    sources: tuple[str, ...] = Field(min_length=1)
    replaces_setup: dict[str, SetupStep] = Field(
        default_factory=dict, description="setup steps this variant words differently, by step id"
    )
    replaces_cues: dict[str, SourcedText] = Field(
        default_factory=dict, description="cues and ending steps this variant words differently, by id"
    )
    movement_rounds: int = Field(default=0, ge=0, le=10)
    movement: tuple[Movement, ...] = ()
    movement_sources: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _rounds_need_movements(self) -> "Variant":
        if self.movement_rounds and not self.movement:
            raise ValueError("movement_rounds is set but no movement is described")
        return self

    @property
    def movement_s(self) -> int:
        return self.movement_rounds * sum(part.seconds for part in self.movement)


class Protocol(_Frozen):
    name: str
    also_known_as: tuple[str, ...] = ()
    disclaimer: str = Field(min_length=10)
    suggested_time: SourcedText
    sources: dict[str, Source]
    timing: Timing
    setup: tuple[SetupStep, ...] = Field(min_length=1)
    settle_cue: SourcedText
    rest_cues: tuple[SourcedText, ...] = Field(min_length=1)
    closing_cue: SourcedText
    ending: tuple[SourcedText, ...] = Field(min_length=1)
    variants: dict[VariantName, Variant]

    @model_validator(mode="after")
    def _references_are_known(self) -> "Protocol":
        missing_variants = set(VARIANT_NAMES) - set(self.variants)
        if missing_variants:
            raise ValueError(f"variants is missing {', '.join(sorted(missing_variants))}")
        step_ids = {step.id for step in self.setup}
        for name, variant in self.variants.items():
            unknown = set(variant.replaces_setup) - step_ids
            if unknown:
                raise ValueError(f"variants.{name}.replaces_setup names unknown steps: {', '.join(sorted(unknown))}")
            unknown = set(variant.replaces_cues) - {text.id for text in self._cues_and_ending()}
            if unknown:
                raise ValueError(f"variants.{name}.replaces_cues names unknown cues: {', '.join(sorted(unknown))}")
            longest = variant.movement_s + self.timing.settle_s + self.timing.closing_s
            if longest >= self.timing.min_minutes * 60:
                raise ValueError(f"variants.{name}: the movement rounds leave no time to rest in the shortest session")
        for where, keys in self._source_references():
            for key in keys:
                if key not in self.sources:
                    raise ValueError(f"{where} cites unknown source {key!r}")
        return self

    def _source_references(self) -> list[tuple[str, tuple[str, ...]]]:
        references: list[tuple[str, tuple[str, ...]]] = [
            ("suggested_time", self.suggested_time.sources),
            ("settle_cue", self.settle_cue.sources),
            ("closing_cue", self.closing_cue.sources),
        ]
        references += [(f"setup.{step.id}", step.sources) for step in self.setup]
        references += [(f"rest_cues.{cue.id}", cue.sources) for cue in self.rest_cues]
        references += [(f"ending.{part.id}", part.sources) for part in self.ending]
        for name, variant in self.variants.items():
            references.append((f"variants.{name}", variant.sources))
            references.append((f"variants.{name}.movement_sources", variant.movement_sources))
            references += [
                (f"variants.{name}.replaces_setup.{step.id}", step.sources) for step in variant.replaces_setup.values()
            ]
            references += [
                (f"variants.{name}.replaces_cues.{cue.id}", cue.sources) for cue in variant.replaces_cues.values()
            ]
        return references

    def _cues_and_ending(self) -> tuple[SourcedText, ...]:
        return (self.settle_cue, *self.rest_cues, self.closing_cue, *self.ending)

    def variant_title(self, variant: str) -> str:
        """A variant as every door shows it ("On your side"); a name this protocol lacks as it is."""
        return self.variants[variant].title if variant in self.variants else variant

    def setup_for(self, variant: VariantName) -> tuple[SetupStep, ...]:
        """The setup checklist in the words of one variant."""
        replacements = self.variants[variant].replaces_setup
        return tuple(replacements.get(step.id, step) for step in self.setup)

    def _worded_for(self, variant: VariantName, text: SourcedText) -> SourcedText:
        return self.variants[variant].replaces_cues.get(text.id, text)

    def settle_cue_for(self, variant: VariantName) -> SourcedText:
        return self._worded_for(variant, self.settle_cue)

    def rest_cues_for(self, variant: VariantName) -> tuple[SourcedText, ...]:
        return tuple(self._worded_for(variant, cue) for cue in self.rest_cues)

    def closing_cue_for(self, variant: VariantName) -> SourcedText:
        return self._worded_for(variant, self.closing_cue)

    def ending_for(self, variant: VariantName) -> tuple[SourcedText, ...]:
        """How to come up at the end, in the words of one variant."""
        return tuple(self._worded_for(variant, part) for part in self.ending)

    def cite(self, source_keys: tuple[str, ...]) -> str:
        """A short citation such as "Koch 2005; Greenwood PT" for a text's sources."""
        return "; ".join(self.sources[key].short for key in source_keys)
