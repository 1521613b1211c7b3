"""From processed segments to Claims and Attributions: holders, citations, dedupe, debate retyping."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from argmap.documents import Segment, segments
from argmap.model import Actor, Attribution, Citation, Claim, Document, Provenance, TextSpan
from argmap.pipeline.spans import ACTORS, ATTRIBUTIONS, CITATIONS, FRAMES, MENTIONS, inside, meta, with_text
from argmap.rules.loader import RulePack
from argmap.rules.schema import DebatePack

AUTHOR = Actor(id="author", name="author", kind="author")
_FINAL = (".", "!", "?", "”", "\"", ")", "’", "]", "…", ":")
_CLAUSE_BREAKS = {";", "—"}
_NOTE_LINE = re.compile(r"^\s*(\d{1,3})[.)]\s+(.+)$")


@dataclass
class Memory:
    """Discourse memory across segments of one document, for pronouns and 'others'."""

    person: Actor | None = None
    group: Actor | None = None
    collective: Actor | None = None
    collective_sent: tuple[int, int] | None = None
    people: dict[str, Actor] = field(default_factory=dict)  # by surname: "Smith added" after "Jane Smith"
    actors: dict[tuple[Any, ...], Actor] = field(default_factory=dict)  # one Actor per distinct mention metadata

    def remember_person(self, actor: Actor) -> None:
        self.person = actor
        words = actor.name.split()
        if len(words) >= 2:
            self.people.setdefault(words[-1], actor)
            self.people.setdefault(words[0], actor)  # Chinese names: family name first ("Xi" of "Xi Jinping")


@dataclass
class DocResult:
    document: Document
    claims: list[Claim] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)


def _actor(m: dict[str, Any]) -> Actor:
    return Actor(id=m.get("id") or "unknown", name=m["name"], kind=m["kind"], title=m.get("title"), quantifier=m.get("quantifier"))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "unknown"


class ClaimExtractor:
    """Turns one document's processed segments into claims (stateful across the document's segments)."""

    def __init__(self, pack: RulePack) -> None:
        self.pack = pack
        self.type_holder = {t.id: t.holder for t in pack.types}
        self.rule_holder = {r.id: r.holder for r in pack.frames}
        self.skip = {w.lower() for w in pack.attribution.skip_between_source_and_cue}
        self.collective_nouns = {k.lower(): v for k, v in pack.actors.collectives.items()}
        self.notes_headings = {h.lower() for h in pack.citations.notes_headings}

    # -- public ----------------------------------------------------------------------------------
    def extract(self, document: Document, processed: Iterable[tuple[Segment, Doc]]) -> DocResult:
        """All segments of one document at once (see DocumentState for the streaming form)."""
        state = self.start(document)
        for seg, doc in processed:
            state.add(seg, doc)
        return state.finish()

    def start(self, document: Document) -> "DocumentState":
        return DocumentState(self, document)

    def finish(self, result: DocResult, pending: list[tuple[Claim, set[str]]], mentions_in_doc: set[str]) -> DocResult:
        debate = self._debate_for(mentions_in_doc)
        unique: dict[tuple[int, int, str], Claim] = {}
        for claim, mentioned in pending:
            c = self._retype(claim, mentioned, debate)
            unique.setdefault((c.start, c.end, c.type), c)
        result.claims = sorted(unique.values(), key=lambda c: (c.start, c.end, c.type))
        return result

    # -- per segment -----------------------------------------------------------------------------
    def _segment(self, document: Document, seg: Segment, doc: Doc, memory: Memory, notes: dict[int, str],
                 result: DocResult) -> list[tuple[Claim, set[str]]]:
        off = seg.offset
        body = document.body
        citations = list(doc.spans[CITATIONS])
        actors = [a for a in doc.spans[ACTORS] if not inside(a, citations)]
        heading = not seg.text.rstrip().endswith(_FINAL) and len(doc) < 16

        idx, length = doc.to_array([IDX, LENGTH]).T.tolist() if len(doc) else ([], [])
        mentions = [(s.start, s.end, s.label_) for s in doc.spans[MENTIONS]]

        def tspan(a: int, b: int) -> TextSpan:
            s, e = idx[a] + off, idx[b - 1] + length[b - 1] + off
            return TextSpan(start=s, end=e, text=body[s:e])

        # Resolve every actor mention in order, so pronouns see what came before them.
        resolved: dict[tuple[int, int], Actor] = {}
        for a in actors:
            m = meta(ACTORS, a)
            actor = self._resolve(m, a, memory)
            resolved[(a.start, a.end)] = actor
            if actor.kind != "author" and not m.get("pronoun"):
                if m.get("collective") or m.get("quantifier") or m.get("contrast"):
                    memory.group = actor
                    if not m.get("contrast"):
                        memory.collective, memory.collective_sent = actor, (a.sent.start, a.sent.end)
                elif actor.kind in ("official", "expert") and not m.get("contrast"):
                    memory.remember_person(actor)

        # Attributions
        attributions: list[tuple[dict[str, Any], Actor | None]] = []
        for cue in doc.spans[ATTRIBUTIONS]:
            m = meta(ATTRIBUTIONS, cue)
            holder = self._source_actor(doc, m, actors, resolved, memory)
            if holder is None and m.get("coordinated") and attributions:
                prev_m, prev_h = attributions[-1]
                if doc[prev_m["cue"][0]].sent == cue.sent:
                    holder, m = prev_h, {**m, "source": prev_m.get("source")}
            attributions.append((m, holder))
            result.attributions.append(Attribution(
                doc=document.id, rule=m["rule"],
                source=tspan(*m["source"]) if m.get("source") else None,
                cue=tspan(*m["cue"]), content=tspan(*m["content"]), holder=holder,
            ))
            if holder is not None and holder.kind in ("official", "expert") and not holder.quantifier and holder.id not in ("author", "unresolved"):
                memory.remember_person(holder)

        # Frames -> claims
        out: list[tuple[Claim, set[str]]] = []
        seen: set[tuple[Any, str]] = set()
        by_sentence: dict[int, list[Claim]] = {}
        for frame in doc.spans[FRAMES]:
            fm = meta(FRAMES, frame)
            sent = frame.sent
            if heading or sent[-1].text == "?" or any(t.text == "?" for t in sent[-3:]):
                continue
            ctx = fm["context"]
            if ctx.get("hypothetical"):
                continue
            attribution = self._enclosing(frame, attributions)
            type_ = frame.label_
            holder_mode = self.rule_holder.get(fm["rule"]) or self.type_holder[type_]
            via, holder = "author", AUTHOR
            agent = self._agent(doc, frame, actors, resolved) if holder_mode == "agent" and attribution is None else None
            if attribution is not None:
                am, ah = attribution
                via, holder = ("attribution", ah) if ah is not None else ("attribution", AUTHOR)
                a0 = min(am["source"][0], am["cue"][0]) if am.get("source") else am["cue"][0]
                c0, c1 = am["content"]
                start, end = (c0, am["cue"][1]) if c0 < am["cue"][0] else (a0, c1)
                key: Any = ("attr", tuple(am["cue"]))
            else:
                if agent is not None:
                    via, holder = "agent", agent
                start, end = self._clause(doc, sent, frame, citations)
                key = ("sent", sent.start, start)
            if (key, type_) in seen:
                continue
            seen.add((key, type_))
            text_span = tspan(start, end)
            frame_span = tspan(frame.start, frame.end)
            context_rules = sorted({c[0] for cat in ctx.values() for c in cat})
            am = attribution[0] if attribution else {}
            claim = Claim(
                id=Claim.make_id(document.id, text_span.start, text_span.end, type_),
                doc=document.id, start=text_span.start, end=text_span.end, text=text_span.text,
                sentence=tspan(sent.start, sent.end).text, type=type_, holder=holder,
                negated=bool(ctx.get("negated")), hedged=bool(ctx.get("hedged")),
                citation=None, rule=fm["rule"], cue=tspan(*am["cue"]).text if am else None,
                provenance=Provenance(
                    frame_rule=fm["rule"], frame_span=frame_span,
                    attribution_rule=am.get("rule"), cue=tspan(*am["cue"]) if am else None,
                    source=tspan(*am["source"]) if am.get("source") else None,
                    holder_via=via, context_rules=context_rules,
                ),
            )
            by_sentence.setdefault(sent.start, []).append(claim)
            out.append((claim, {label for s, e, label in mentions if s >= sent.start and e <= sent.end}))
        # An unattributed frame in a sentence whose attributed claim has the same type is part of
        # that reported argument ('published "zero-sum" op-eds arguing that ...'), not a claim of its own.
        attributed = {(c.type, s) for s, cs in by_sentence.items() for c in cs if c.provenance.attribution_rule}
        by_sentence = {s: [c for c in cs if c.provenance.attribution_rule or (c.type, s) not in attributed] for s, cs in by_sentence.items()}
        kept = {c.id for cs in by_sentence.values() for c in cs}
        out = [(c, m) for c, m in out if c.id in kept]
        cited = self._cite(document, doc, off, citations, by_sentence, notes)
        return [(cited.get(c.id, c), mentioned) for c, mentioned in out]

    # -- holders ---------------------------------------------------------------------------------
    def _resolve(self, m: dict[str, Any], span: Span, memory: Memory) -> Actor:
        if m.get("pronoun"):
            want = m["pronoun"]
            found = memory.person if want == "person" else memory.group if want == "group" else (memory.person or memory.group)
            return found or Actor(id="unresolved", name=span.text, kind="expert")
        if m.get("contrast"):
            if memory.collective is not None and memory.collective_sent is not None and memory.collective_sent[0] <= span.start < memory.collective_sent[1]:
                base = memory.collective
                return Actor(id=base.id, name=base.name, kind=base.kind, quantifier="others")
            return Actor(id="others", name="others", kind="expert", quantifier="others")
        key = (m.get("id"), m["name"], m["kind"], m.get("title"), m.get("quantifier"))
        actor = memory.actors.get(key)
        if actor is None:
            actor = memory.actors[key] = _actor(m)
        return actor

    def _source_actor(self, doc: Doc, m: dict[str, Any], actors: list[Span], resolved: dict[tuple[int, int], Actor],
                      memory: Memory) -> Actor | None:
        if not m.get("source"):
            return None
        s, e = m["source"]
        if (s, e) in resolved:
            return resolved[(s, e)]
        inner = [a for a in actors if s <= a.start and a.end <= e]
        if inner:
            return resolved[(inner[0].start, inner[0].end)]
        text = doc[s:e].text
        if e - s == 1 and text in memory.people:
            return memory.people[text]
        words = [t for t in doc[s:e] if t.lower_ not in ("the", "a", "an")]
        name = " ".join(t.text for t in words) or text
        noun = words[-1].lower_ if words else ""
        kind = self.collective_nouns.get(noun, "expert")
        return Actor(id=_slug(name), name=name, kind=kind)  # an unknown name ("As Lü Chao argues")

    def _agent(self, doc: Doc, frame: Span, actors: list[Span], resolved: dict[tuple[int, int], Actor]) -> Actor | None:
        """The actor doing the reported act: subject before the verb, or possessor of the noun."""
        k = frame.start
        steps = 0
        while k > frame.sent.start and steps <= 5:
            hit = next((a for a in actors if a.end == k), None)
            if hit is not None:
                return resolved.get((hit.start, hit.end))
            if doc[k - 1].lower_ not in self.skip and doc[k - 1].text not in ("'s", "’s"):
                return None
            k -= 1
            steps += 1
        return None

    @staticmethod
    def _enclosing(frame: Span, attributions: list[tuple[dict[str, Any], Actor | None]]) -> tuple[dict[str, Any], Actor | None] | None:
        best = None
        for m, h in attributions:
            c0, c1 = m["content"]
            if c0 > m["cue"][0]:
                c0 = m["cue"][0]  # a frame may begin with the cue itself ("to advocate an adjustment")
            # A frame belongs to the attribution whose content holds its start or its end
            # ("a nuclear test—which all experts agree will happen sooner or later").
            if (c0 <= frame.start < c1 or c0 <= frame.end - 1 < c1) and (best is None or c0 >= best[0]["content"][0]):
                best = (m, h)
        return best

    @staticmethod
    def _clause(doc: Doc, sent: Span, frame: Span, citations: list[Span]) -> tuple[int, int]:
        start, end = sent.start, sent.end
        for k in range(frame.start - 1, sent.start - 1, -1):
            if doc[k].text in _CLAUSE_BREAKS:
                start = k + 1
                break
        for k in range(frame.end, sent.end):
            if doc[k].text in _CLAUSE_BREAKS:
                end = k
                break
        for c in citations:
            if c.start >= frame.end and c.end <= end and c.start > start:
                end = min(end, c.start)
        while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space) and doc[end - 1].text not in ("”", "’", "\""):
            end -= 1
        return start, end

    # -- citations -------------------------------------------------------------------------------
    def _cite(self, document: Document, doc: Doc, off: int, citations: list[Span], by_sentence: dict[int, list[Claim]],
              notes: dict[int, str]) -> dict[str, Claim]:
        out: dict[str, Claim] = {}
        if not citations:
            return out
        kinds = [(c, meta(CITATIONS, c).get("kind")) for c in citations]
        for sent_start, claims in by_sentence.items():
            sent = doc[sent_start].sent
            in_sent = [c for c, kind in kinds if sent.start <= c.start < sent.end + 1 and kind == "parenthetical"]
            # only the sentence's own reference: a later sentence's source does not vouch for this one
            notes_in = [c for c, kind in kinds if sent.start <= c.start <= sent.end and kind == "note"]
            items: list[Citation] = []
            for c in in_sent:
                items += self._citations(document, doc, off, c)
            if not items:
                for c in notes_in:
                    n = meta(CITATIONS, c)["number"]
                    s, e = c.start_char + off, c.end_char + off
                    items.append(Citation(outlet=f"note {n}", raw=notes.get(n, c.text), start=s, end=e))
            if not items:
                continue
            ordered = sorted(claims, key=lambda c: c.start)
            distinct = len({i.outlet for i in items}) == len(items)
            for i, claim in enumerate(ordered):
                # One citation per claim, in order, when a parenthesis lists one source per claim.
                item = items[i] if distinct and len(items) == len(ordered) else items[0]
                out[claim.id] = claim.model_copy(update={"citation": item})
        return out

    @staticmethod
    def _citations(document: Document, doc: Doc, off: int, span: Span) -> list[Citation]:
        year = document.year()
        out = []
        for item in meta(CITATIONS, span)["items"]:
            y = item["year"] or year
            parts = [f"{y:04d}"] if y else []
            if y and item["month"]:
                parts.append(f"{item['month']:02d}")
                if item["day"]:
                    parts.append(f"{item['day']:02d}")
            out.append(Citation(outlet=item["outlet"], date="-".join(parts) or None, raw=item["raw"],
                                start=span.start_char + off, end=span.end_char + off, accessed=item["accessed"]))
        return out

    def _notes(self, body: str) -> dict[int, str]:
        notes: dict[int, str] = {}
        in_notes = False
        for line in body.splitlines():
            if line.strip().lower() in self.notes_headings:
                in_notes = True
                continue
            m = _NOTE_LINE.match(line) if in_notes else None
            if m:
                notes[int(m.group(1))] = m.group(2).strip()
        return notes

    # -- debates ---------------------------------------------------------------------------------
    def _debate_for(self, mentioned: set[str]) -> DebatePack | None:
        """The first debate pack whose focal dyad the document mentions."""
        return next((d for d in self.pack.debates if set(d.focal_dyad) <= mentioned), None)

    @staticmethod
    def _retype(claim: Claim, mentioned: set[str], debate: DebatePack | None) -> Claim:
        if debate is None:
            return claim
        roles = {"focal_state": debate.focal_dyad[0] in mentioned, "focal_partner": debate.focal_dyad[1] in mentioned,
                 "third_party": any(t in mentioned for t in debate.third_parties)}
        for rt in debate.retype:
            if claim.type == rt.from_type and all(roles[r] for r in rt.when_mentions) and not any(roles[r] for r in rt.unless_mentions):
                return claim.model_copy(update={"type": rt.to_type, "id": Claim.make_id(claim.doc, claim.start, claim.end, rt.to_type)})
        return claim


class DocumentState:
    """One document being extracted segment by segment: Docs are dropped as soon as they are read."""

    def __init__(self, extractor: ClaimExtractor, document: Document) -> None:
        self.extractor = extractor
        self.result = DocResult(document)
        self.memory = Memory()
        self.notes = extractor._notes(document.body)
        self.mentions: set[str] = set()
        self.pending: list[tuple[Claim, set[str]]] = []

    def add(self, seg: Segment, doc: Doc) -> None:
        self.mentions.update(s.label_ for s in doc.spans[MENTIONS])
        self.pending += self.extractor._segment(self.result.document, seg, doc, self.memory, self.notes, self.result)

    def finish(self) -> DocResult:
        return self.extractor.finish(self.result, self.pending, self.mentions)


def run(documents: Iterable[Document], nlp: Language, pack: RulePack, batch_size: int = 64) -> Iterator[DocResult]:
    """Process documents with nlp.pipe (segments streamed in order); yields one result per document.

    One process: api.process spreads whole documents over worker processes, each running this."""
    extractor = ClaimExtractor(pack)
    docs: dict[int, Document] = {}

    def feed() -> Iterator[tuple[Doc, tuple[int, Segment | None]]]:
        for n, d in enumerate(documents):
            docs[n] = d
            for seg in segments(d):
                yield with_text(nlp.make_doc(seg.text), seg.text), (n, seg)
            yield nlp.make_doc(""), (n, None)  # end-of-document marker keeps documents apart in the stream

    states: dict[int, DocumentState] = {}
    for doc, (n, seg) in nlp.pipe(feed(), as_tuples=True, batch_size=batch_size):
        state = states.get(n)
        if state is None:
            state = states[n] = extractor.start(docs.pop(n))
        if seg is None:
            yield states.pop(n).finish()
        else:
            state.add(seg, doc)
