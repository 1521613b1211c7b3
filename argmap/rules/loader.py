"""Loads a rule pack directory into validated models; every error is `path:line: what to fix`."""
from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from argmap.errors import RuleError
from argmap.rules.compile import PatternCompiler, PatternError
from argmap.rules.inflect import Inflector
from argmap.rules.regexguard import check_regex, regexes_in
from argmap.rules.schema import (
    ActorsFile, AttributionFile, CitationsFile, ClaimType, ContextFile, DebateFile, DebatePack,
    FrameRule, FramesFile, InflectionsFile, LexiconsFile, TypesFile,
)
from argmap.rules.yamlsource import LocatedYaml, load_yaml

M = TypeVar("M", bound=BaseModel)

REQUIRED_FILES = {
    "types.yml": TypesFile, "lexicons.yml": LexiconsFile, "inflections.yml": InflectionsFile,
    "attribution.yml": AttributionFile, "context.yml": ContextFile, "actors.yml": ActorsFile,
    "citations.yml": CitationsFile,
}
MAX_PATTERNS = 5000
MAX_TOKENS_PER_PATTERN = 60
MAX_PHRASES = 5000
MAX_RULE_FILE_BYTES = 2_000_000


def default_rules_dir() -> Path:
    """The rule pack shipped with argmap (package data, so an installed wheel finds it)."""
    return Path(str(resources.files("argmap") / "data" / "rules"))


@dataclass(frozen=True)
class Located:
    """Where a rule was defined, for errors raised after loading."""

    path: Path
    loc: tuple[Any, ...]
    source: LocatedYaml

    @property
    def line(self) -> int:
        return self.source.line_of(self.loc)


@dataclass
class RulePack:
    root: Path
    types: list[ClaimType]
    lexicons: dict[str, list[str]]
    inflector: Inflector
    attribution: AttributionFile
    context: ContextFile
    actors: ActorsFile
    citations: CitationsFile
    frames: list[FrameRule]
    debates: list[DebatePack]
    digest: str
    where: dict[str, Located] = field(default_factory=dict)

    @property
    def type_ids(self) -> set[str]:
        return {t.id for t in self.types}

    def type_by_id(self, type_id: str) -> ClaimType:
        return next(t for t in self.types if t.id == type_id)

    def compiler(self, use_lemmas: bool = False) -> PatternCompiler:
        return PatternCompiler(self.lexicons, self.inflector, use_lemmas)


def _pydantic_message(exc: ValidationError, src: LocatedYaml) -> tuple[str, int]:
    err = exc.errors()[0]
    loc = tuple(err["loc"])
    where = ".".join(str(p) for p in loc) or "(top level)"
    msg = err["msg"]
    if err["type"] == "extra_forbidden":
        msg = f"unknown key '{loc[-1]}' (check its spelling; allowed keys are in the docs of this file kind)"
    elif err["type"] == "missing":
        msg = f"missing required key '{loc[-1]}'"
    elif err["type"] == "string_pattern_mismatch" and loc and loc[-1] == "id":
        msg = f"invalid id {err['input']!r}: use lower_snake_case words joined by dots, e.g. zero_sum.influence_loss"
    more = f" (and {len(exc.errors()) - 1} more)" if len(exc.errors()) > 1 else ""
    return f"{where}: {msg}{more}", src.line_of(loc)


def _validate(model: type[M], src: LocatedYaml) -> M:
    if not isinstance(src.data, dict):
        raise RuleError(f"expected a mapping with top-level key(s) {', '.join(model.model_fields)}", str(src.path), 1)
    try:
        return model.model_validate(src.data)
    except ValidationError as exc:
        msg, line = _pydantic_message(exc, src)
        raise RuleError(msg, str(src.path), line) from None


def _digest(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def load_rules(root: Path | str | None = None) -> RulePack:
    """Load and validate a whole rule pack. Patterns are compiled once here to surface errors early."""
    root = Path(root) if root is not None else default_rules_dir()
    if not root.is_dir():
        raise RuleError("rule pack directory not found", str(root))
    sources: dict[str, LocatedYaml] = {}
    for name in REQUIRED_FILES:
        path = root / name
        if not path.is_file():
            raise RuleError(f"rule pack is missing {name}", str(root))
        sources[name] = load_yaml(path)
    models = {name: _validate(model, sources[name]) for name, model in REQUIRED_FILES.items()}
    frame_files = sorted((root / "frames").glob("*.y*ml")) if (root / "frames").is_dir() else []
    debate_files = sorted((root / "debates").glob("*.y*ml")) if (root / "debates").is_dir() else []

    where: dict[str, Located] = {}
    frames: list[FrameRule] = []
    for path in frame_files:
        src = load_yaml(path)
        parsed = _validate(FramesFile, src)
        for i, rule in enumerate(parsed.frames):
            _unique(where, rule.id, Located(path, ("frames", i), src))
            frames.append(rule)
    debates: list[DebatePack] = []
    for path in debate_files:
        src = load_yaml(path)
        debates.append(_validate(DebateFile, src).debate)
        _unique(where, f"debate:{debates[-1].id}", Located(path, ("debate",), src))

    types: TypesFile = models["types.yml"]  # type: ignore[assignment]
    lex: LexiconsFile = models["lexicons.yml"]  # type: ignore[assignment]
    infl: InflectionsFile = models["inflections.yml"]  # type: ignore[assignment]
    attribution: AttributionFile = models["attribution.yml"]  # type: ignore[assignment]
    context: ContextFile = models["context.yml"]  # type: ignore[assignment]
    actors: ActorsFile = models["actors.yml"]  # type: ignore[assignment]
    for i, cue in enumerate(attribution.cues):
        _unique(where, cue.id, Located(root / "attribution.yml", ("cues", i), sources["attribution.yml"]))
    for i, ctx in enumerate(context.context):
        _unique(where, ctx.id, Located(root / "context.yml", ("context", i), sources["context.yml"]))

    pack = RulePack(
        root=root, types=types.types, lexicons=lex.lexicons, inflector=Inflector(infl.irregular),
        attribution=attribution, context=context, actors=actors,
        citations=models["citations.yml"], frames=frames, debates=debates,  # type: ignore[arg-type]
        digest=_digest([root / n for n in REQUIRED_FILES] + frame_files + debate_files), where=where,
    )
    _check_references(pack)
    _check_patterns(pack)
    return pack


def _unique(where: dict[str, Located], rule_id: str, located: Located) -> None:
    if rule_id in where:
        first = where[rule_id]
        raise RuleError(f"duplicate rule id '{rule_id}' (first defined at {first.path}:{first.line})", str(located.path), located.line)
    where[rule_id] = located


def _fail(pack: RulePack, rule_id: str, message: str, sub: tuple[Any, ...] = ()) -> None:
    loc = pack.where[rule_id]
    raise RuleError(message, str(loc.path), loc.source.line_of(loc.loc + sub))


def _check_references(pack: RulePack) -> None:
    types = pack.type_ids
    for rule in pack.frames:
        if rule.type not in types:
            close = difflib.get_close_matches(rule.type, sorted(types), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "declare it in types.yml"
            _fail(pack, rule.id, f"unknown claim type '{rule.type}' ({hint})", ("type",))
        for t in rule.subsumes:
            if t not in types:
                _fail(pack, rule.id, f"subsumes unknown claim type '{t}'", ("subsumes",))
    actor_ids = {a.id for a in pack.actors.actors}
    for debate in pack.debates:
        key = f"debate:{debate.id}"
        positions = {p.id for q in debate.questions for p in q.positions}
        for i, party in enumerate(debate.focal_dyad + debate.third_parties):
            if party not in actor_ids:
                _fail(pack, key, f"party '{party}' is not an actor id in actors.yml")
        for i, link in enumerate(debate.links):
            if link.type not in types:
                _fail(pack, key, f"link names unknown claim type '{link.type}'", ("links", i, "type"))
            for p in link.supports + link.attacks:
                if p not in positions:
                    _fail(pack, key, f"link names unknown position '{p}'", ("links", i))
        for i, rt in enumerate(debate.retype):
            for t in (rt.from_type, rt.to_type):
                if t not in types:
                    _fail(pack, key, f"retype names unknown claim type '{t}'", ("retype", i))


def _check_patterns(pack: RulePack) -> None:
    """Compile every pattern with spaCy now, so a bad one fails at load with its file and line."""
    from spacy.matcher import Matcher
    from spacy.vocab import Vocab

    vocab = Vocab()  # validation needs no tokenizer: a bare vocabulary is enough
    compiler = pack.compiler()
    count = 0
    groups: list[tuple[str, tuple[Any, ...], list[Any]]] = []
    for rule in pack.frames:
        groups += [(rule.id, ("patterns", j), p) for j, p in enumerate(rule.patterns)]
        if len(rule.phrases) > MAX_PHRASES:
            _fail(pack, rule.id, f"too many phrases ({len(rule.phrases)}, limit {MAX_PHRASES})", ("phrases",))
    for cue in pack.attribution.cues:
        groups += [(cue.id, ("patterns", j), p) for j, p in enumerate(cue.patterns)]
    for rule_id, sub, pattern in groups:
        count += 1
        if count > MAX_PATTERNS:
            _fail(pack, rule_id, f"too many patterns (limit {MAX_PATTERNS})")
        if isinstance(pattern, list) and len(pattern) > MAX_TOKENS_PER_PATTERN:
            _fail(pack, rule_id, f"pattern {sub[1] + 1} has {len(pattern)} tokens (limit {MAX_TOKENS_PER_PATTERN})", sub)
        for index, regex in regexes_in(pattern if isinstance(pattern, list) else []):
            problem = check_regex(regex)
            if problem:
                _fail(pack, rule_id, f"pattern {sub[1] + 1}: {problem}", sub + (index,))
        try:
            compiled = compiler.compile(pattern)
            Matcher(vocab, validate=True).add(rule_id, [compiled])
        except PatternError as exc:
            _fail(pack, rule_id, f"pattern {sub[1] + 1}: {exc}", sub + exc.loc)
        except (ValueError, KeyError, TypeError) as exc:
            lines = [ln.strip() for ln in str(exc).strip().splitlines() if ln.strip()]
            detail = next((ln.lstrip("- ") for ln in lines if ln.startswith("- [")), lines[0] if lines else "invalid")
            _fail(pack, rule_id, f"pattern {sub[1] + 1} is not a valid spaCy token pattern: {detail}", sub)
