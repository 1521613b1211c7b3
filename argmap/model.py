"""Pydantic models for everything argmap reads and writes (the output schema)."""
from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ActorKind = Literal["official", "expert", "media", "state", "author"]
Quantifier = Literal["many", "some", "all", "dominant", "few", "others"]


class Output(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TextSpan(Output):
    """A span of the document body: offsets are characters into the body."""

    start: int
    end: int
    text: str


class Document(Output):
    id: str = Field(description="File stem.")
    path: str
    title: str | None = None
    publication: str | None = None
    date: str | None = Field(None, description="ISO date, possibly partial (2015-05).")
    language: str | None = None
    url: str | None = None
    metadata: dict[str, object] = Field(default_factory=dict, description="Other front-matter keys, kept as given.")
    body: str = Field(repr=False)
    body_offset: int = Field(0, description="Character offset of the body in the file.")

    def year(self) -> int | None:
        if self.date and self.date[:4].isdigit():
            return int(self.date[:4])
        return None


class Actor(Output):
    id: str = Field(description="Gazetteer id, or a slug of the normalised name.")
    name: str
    kind: ActorKind
    title: str | None = None
    quantifier: Quantifier | None = None
    aliases: list[str] = Field(default_factory=list)


class Citation(Output):
    outlet: str
    date: str | None = Field(None, description="ISO date, possibly partial; year taken from the document when missing.")
    raw: str
    start: int
    end: int
    accessed: bool = False

    @property
    def key(self) -> str:
        """A stable id for the citation (same outlet, date and text: same source)."""
        return "cit-" + hashlib.sha1(f"{self.outlet}\x00{self.date}\x00{self.raw}".encode()).hexdigest()[:10]


class Provenance(Output):
    """Why a claim exists: which rules fired on which words."""

    frame_rule: str
    frame_span: TextSpan
    attribution_rule: str | None = None
    cue: TextSpan | None = None
    source: TextSpan | None = None
    holder_via: str = Field(description="attribution | agent | pronoun | contrast | author")
    context_rules: list[str] = Field(default_factory=list)


class Claim(Output):
    id: str
    doc: str
    start: int
    end: int
    text: str
    sentence: str
    type: str
    holder: Actor
    negated: bool = False
    hedged: bool = False
    citation: Citation | None = None
    rule: str
    cue: str | None = None
    provenance: Provenance

    @staticmethod
    def make_id(doc: str, start: int, end: int, type_: str) -> str:
        digest = hashlib.sha1(f"{doc}\x00{start}\x00{end}\x00{type_}".encode()).hexdigest()
        return f"c-{digest[:12]}"


class Attribution(Output):
    """A reported statement or belief, whatever its domain."""

    doc: str
    source: TextSpan | None
    cue: TextSpan
    content: TextSpan
    rule: str
    holder: Actor | None = None


class ClaimSet(Output):
    """What `argmap claims --format json` documents: an array of claims."""

    claims: list[Claim]


# ---- the argument map (linking) ---------------------------------------------------------------

EdgeKind = Literal["supports", "attacks", "holds", "cites"]


class Position(Output):
    id: str
    question: str
    text: str


class Question(Output):
    id: str
    text: str
    positions: list[str]


class Edge(Output):
    kind: EdgeKind
    source: str
    target: str
    rule: str | None = None


class ArgumentMap(Output):
    debate: str | None = None
    questions: list[Question] = Field(default_factory=list)
    positions: list[Position] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    documents: list[str] = Field(default_factory=list)
    edges: list[Edge] = Field(default_factory=list)
