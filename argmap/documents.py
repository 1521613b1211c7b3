"""Reading documents: UTF-8 text with optional YAML front matter; bodies split into segments for nlp.pipe."""
from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from argmap.errors import InputError
from argmap.model import Document
from argmap.rules.yamlsource import FAST_SAFE_LOADER

DOC_SUFFIXES = (".md", ".txt", ".markdown")
MAX_SEGMENT_CHARS = 20_000
MAX_FRONT_MATTER_CHARS = 65_536
_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)(?:\r?\n)---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_KNOWN = ("title", "publication", "date", "language", "url")


@dataclass(frozen=True)
class Segment:
    """A line or paragraph of a body, processed as one spaCy Doc; `offset` is its start in the body."""

    doc_id: str
    index: int
    offset: int
    text: str


def parse_document(text: str, path: str, doc_id: str | None = None) -> Document:
    """Split front matter from body; errors name the file (and line for front matter)."""
    if "\x00" in text:
        if text.count("\x00") > max(8, len(text) // 100):
            raise InputError("contains many NUL bytes: binary, or UTF-16 text (pass --encoding utf-16)", path)
        text = text.replace("\x00", " ")  # stray NULs: blanked in memory, offsets unchanged, file untouched
    body_offset = 0
    meta: dict[str, object] = {}
    m = _FRONT.match(text)
    if m:
        if len(m.group(1)) > MAX_FRONT_MATTER_CHARS:
            raise InputError(f"front matter is longer than {MAX_FRONT_MATTER_CHARS} characters", path)
        try:
            loaded = _load_front_matter(m.group(1), path)
        except yaml.MarkedYAMLError as exc:
            line = (exc.problem_mark.line + 2) if exc.problem_mark else None
            raise InputError(f"front matter is not valid YAML: {exc.problem}", path, line) from None
        if loaded is not None and not isinstance(loaded, dict):
            raise InputError("front matter must be a mapping of keys to values", path, 2)
        meta = {str(k): v for k, v in (loaded or {}).items()}
        body_offset = m.end()
    elif text.startswith("\ufeff"):
        body_offset = 1
    body = text[body_offset:]
    if not body.strip():
        raise InputError("front matter but no body" if m else "empty document", path)
    fields = {k: (str(meta.pop(k)) if meta.get(k) is not None else None) for k in _KNOWN if k in meta}
    extra = {k: (v if isinstance(v, (str, int, float, bool)) or v is None else str(v)[:2000]) for k, v in meta.items()}
    return Document(id=doc_id or Path(path).stem, path=path, body=body, body_offset=body_offset, metadata=extra, **fields)


def _load_plain(text: str, path: str, loader: type) -> object:
    if any(isinstance(e, yaml.AliasEvent) for e in yaml.parse(text, Loader=loader)):
        raise InputError("front matter uses YAML aliases (*name), which are not allowed", path, 2)
    return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader, chosen by the caller


def _load_front_matter(text: str, path: str) -> object:
    """Front matter as plain data, aliases refused: parsed by libyaml, errors worded by PyYAML's parser."""
    try:
        return _load_plain(text, path, FAST_SAFE_LOADER)
    except yaml.YAMLError:
        return _load_plain(text, path, yaml.SafeLoader)


def read_document(path: Path, encoding: str = "utf-8") -> Document:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", str(path)) from None
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"not {encoding} text (byte {exc.start}); convert it or pass --encoding", str(path)) from None
    except LookupError:
        raise InputError(f"unknown encoding '{encoding}'", str(path)) from None
    return parse_document(text, str(path))


def find_documents(paths: Iterable[str]) -> list[Path | str]:
    """Expand paths: files as given, directories recursively (*.md, *.txt), '-' for stdin."""
    out: list[Path | str] = []
    for p in paths:
        if p == "-":
            out.append("-")
            continue
        path = Path(p)
        if path.is_dir():
            docs = sorted(q for q in path.rglob("*") if q.is_file() and q.suffix.lower() in DOC_SUFFIXES)
            if not docs:
                raise InputError("directory has no documents (*.md, *.txt)", str(path))
            out.extend(docs)
        elif path.is_file():
            out.append(path)
        else:
            raise InputError("no such file or directory", str(path))
    return out


def load_documents(paths: Iterable[str], encoding: str = "utf-8", on_error=None) -> Iterator[Document]:
    """Documents from paths; a bad document is passed to `on_error` and skipped (or raised without one)."""
    for item in find_documents(paths):
        try:
            if item == "-":
                data = sys.stdin.buffer.read()
                try:
                    text = data.decode(encoding)
                except UnicodeDecodeError:
                    raise InputError(f"not {encoding} text", "<stdin>") from None
                yield parse_document(text, "<stdin>", "stdin")
            else:
                yield read_document(item, encoding)  # type: ignore[arg-type]
        except InputError as exc:
            if on_error is None:
                raise
            on_error(exc)


def segments(doc: Document) -> Iterator[Segment]:
    """Lines of the body (paragraphs, headings, table rows), long ones cut at sentence ends."""
    index = 0
    pos = 0
    body = doc.body
    for line in body.splitlines(keepends=True):
        start = pos
        pos += len(line)
        text = line.rstrip("\r\n")
        stripped = text.strip()
        if not stripped:
            continue
        lead = len(text) - len(text.lstrip())
        for off, chunk in _chunks(text.strip()):
            yield Segment(doc.id, index, start + lead + off, chunk)
            index += 1


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """Cut very long lines near MAX_SEGMENT_CHARS at a sentence end (or whitespace) to bound memory."""
    start = 0
    while len(text) - start > MAX_SEGMENT_CHARS:
        window = text[start:start + MAX_SEGMENT_CHARS]
        cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
        cut = cut + 2 if cut > MAX_SEGMENT_CHARS // 2 else (window.rfind(" ") + 1 or MAX_SEGMENT_CHARS)
        yield start, text[start:start + cut]
        start += cut
    yield start, text[start:]
