"""Pydantic models of the rule files in `rules/` (one model per file kind)."""
from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

RULE_ID = r"^[a-z0-9_]+(\.[a-z0-9_\-]+)*$"
TokenPattern = list[dict[str, Any]]


class RuleModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Example(RuleModel):
    """A sentence a rule must (or must not) match, optionally with what it must produce."""

    text: str
    holder: str | None = None
    negated: bool | None = None
    hedged: bool | None = None
    outlet: str | None = None
    date: str | None = None


def _examples(value: Any) -> Any:
    if isinstance(value, list):
        return [{"text": v} if isinstance(v, str) else v for v in value]
    return value


class ExampleCarrier(RuleModel):
    examples: list[Example] = Field(default_factory=list)
    counter_examples: list[Example] = Field(default_factory=list)

    _norm_examples = field_validator("examples", "counter_examples", mode="before")(_examples)


# ---- claim types and frames --------------------------------------------------------------------

HolderMode = Literal["author", "agent"]


class ClaimType(RuleModel):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    description: str
    holder: HolderMode = Field("author", description="Who holds an unattributed claim: the author, or the actor doing the reported act.")
    color: str | None = Field(None, pattern=r"^#[0-9a-fA-F]{6}$")


class TypesFile(RuleModel):
    types: list[ClaimType]


class FrameRule(ExampleCarrier):
    """A frame of argument: token patterns (spaCy Matcher syntax + LEX/GAP) and/or phrases."""

    id: str = Field(pattern=RULE_ID)
    type: str
    description: str | None = None
    patterns: list[TokenPattern] = Field(default_factory=list)
    phrases: list[str] = Field(default_factory=list)
    holder: HolderMode | None = None
    subsumes: list[str] = Field(default_factory=list, description="Claim types whose frames inside this match are dropped.")
    exclude: list[str] = Field(default_factory=list, description="Set phrases that cancel a match they overlap ('century of humiliation').")

    @model_validator(mode="after")
    def _has_pattern(self) -> "FrameRule":
        if not self.patterns and not self.phrases:
            raise ValueError("a frame rule needs at least one of 'patterns' or 'phrases'")
        return self


class FramesFile(RuleModel):
    frames: list[FrameRule]


class LexiconsFile(RuleModel):
    lexicons: dict[str, list[str]]

    @field_validator("lexicons")
    @classmethod
    def _names(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for name in value:
            if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
                raise ValueError(f"lexicon name '{name}' must be lower_snake_case")
        return value


class InflectionsFile(RuleModel):
    """Irregular forms: lemma -> forms. Regular forms are generated."""

    irregular: dict[str, list[str]]


# ---- attribution ------------------------------------------------------------------------------

class CueRule(ExampleCarrier):
    """Words that report speech or belief. `kind` says where the source and content lie."""

    id: str = Field(pattern=RULE_ID)
    kind: Literal["verb", "nominal", "according_to"]
    description: str | None = None
    lemmas: list[str] = Field(default_factory=list, description="Single or multi-word cue lemmas ('argue', 'lay out').")
    patterns: list[TokenPattern] = Field(default_factory=list)
    requires_that: bool = Field(False, description="The cue counts only when 'that' (or a colon) follows it.")

    @model_validator(mode="after")
    def _has_cue(self) -> "CueRule":
        if not self.lemmas and not self.patterns:
            raise ValueError("a cue rule needs 'lemmas' or 'patterns'")
        return self


class AttributionFile(RuleModel):
    skip_between_source_and_cue: list[str] = Field(default_factory=list, description="Words allowed between a source and its cue (auxiliaries, adverbs).")
    source_window: int = Field(8, ge=1, le=30)
    content_terminators: list[str] = Field(default_factory=list)
    non_agent_nouns: list[str] = Field(default_factory=list, description="Heads of noun phrases that never hold a view ('the page', 'the table').")
    cues: list[CueRule]


# ---- context (negation, hedging, ...) ----------------------------------------------------------

class ContextRule(ExampleCarrier):
    id: str = Field(pattern=RULE_ID)
    category: Literal["negated", "hedged", "hypothetical"]
    direction: Literal["forward", "backward", "both"]
    phrases: list[str]
    window: int = Field(6, ge=1, le=60)
    use_terminators: bool = Field(True, description="Scope ends at a terminator (commas, conjunctions).")
    description: str | None = None


class ContextFile(RuleModel):
    terminators: list[str] = Field(default_factory=list)
    context: list[ContextRule]


# ---- actors -----------------------------------------------------------------------------------

ActorKindName = Literal["official", "expert", "media", "state", "author"]


class GazetteerActor(RuleModel):
    id: str = Field(pattern=r"^[a-z0-9_\-]+$")
    name: str
    kind: ActorKindName
    aliases: list[str] = Field(default_factory=list)
    demonyms: list[str] = Field(default_factory=list)
    title: str | None = None
    state: str | None = Field(None, description="Gazetteer id of the state an official or outlet belongs to.")


class ActorsFile(ExampleCarrier):
    actors: list[GazetteerActor]
    titles: dict[str, ActorKindName] = Field(default_factory=dict, description="Title word -> kind (professor: expert).")
    title_modifiers: list[str] = Field(default_factory=list, description="Lower-case words that may precede a title (retired, former).")
    collectives: dict[str, ActorKindName] = Field(default_factory=dict, description="Collective noun (singular or plural) -> kind.")
    quantifiers: dict[str, str] = Field(default_factory=dict, description="Word -> quantifier (many: many, most: dominant).")
    pronouns: dict[str, Literal["person", "group", "any"]] = Field(default_factory=dict)
    contrast_words: list[str] = Field(default_factory=list, description="'others': resolved to the contrasted collective.")
    collective_modifiers: list[str] = Field(default_factory=list)
    not_names: list[str] = Field(default_factory=list, description="Capitalised words that never start a person's name.")


# ---- citations --------------------------------------------------------------------------------

class CitationsFile(ExampleCarrier):
    months: dict[str, int]
    prefixes: list[str] = Field(default_factory=list, description="Words before an outlet: 'see', 'cf.'.")
    accessed_words: list[str] = Field(default_factory=list)
    notes_headings: list[str] = Field(default_factory=list)
    not_outlets: list[str] = Field(default_factory=list, description="Words that never start an outlet ('Since February 2014').")


# ---- debate packs -----------------------------------------------------------------------------

class PositionSpec(RuleModel):
    id: str = Field(pattern=RULE_ID)
    text: str


class QuestionSpec(RuleModel):
    id: str = Field(pattern=RULE_ID)
    text: str
    positions: list[PositionSpec]


class LinkSpec(RuleModel):
    type: str
    supports: list[str] = Field(default_factory=list)
    attacks: list[str] = Field(default_factory=list)
    when_mentions: list[Literal["focal", "third_party", "focal_dyad"]] = Field(default_factory=list)


class RetypeSpec(RuleModel):
    """Turn one claim type into another by which parties the claim's sentence mentions."""

    from_type: str = Field(alias="from")
    to_type: str = Field(alias="to")
    when_mentions: list[Literal["focal_state", "focal_partner", "third_party"]]
    unless_mentions: list[Literal["focal_state", "focal_partner", "third_party"]] = Field(default_factory=list)


class DebatePack(RuleModel):
    id: str = Field(pattern=RULE_ID)
    title: str
    focal_dyad: list[str] = Field(min_length=2, max_length=2, description="Gazetteer ids: [focal state, focal partner].")
    third_parties: list[str] = Field(default_factory=list)
    questions: list[QuestionSpec]
    links: list[LinkSpec]
    retype: list[RetypeSpec] = Field(default_factory=list)


class DebateFile(RuleModel):
    debate: DebatePack
