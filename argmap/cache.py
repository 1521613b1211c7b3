"""Result cache for incremental runs: one JSON file per (document, rule pack, argmap code, model).

A document's entry is found by a key over everything its result depends on: the parsed document
(id, path, metadata, body), the rule pack's digest, argmap's version and source code, spaCy's
version and the model name. Changing a document re-processes only that document; changing a rule
or argmap itself re-processes everything. Entries are written atomically; an entry that cannot be
read or validated is treated as missing (and rewritten), and a cache that cannot be written is
simply not used: the cache never makes a run fail.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
from pydantic import BaseModel, ConfigDict, ValidationError

import argmap
from argmap.extract import DocResult
from argmap.model import Attribution, Claim, Document

DEFAULT_DIR = ".argmap-cache"
ENV_VAR = "ARGMAP_CACHE_DIR"
FORMAT = "v1"


class CachedResult(BaseModel):
    """What an entry holds: the document's claims and attributions (the document itself is re-read)."""

    model_config = ConfigDict(extra="forbid")
    key: str
    claims: list[Claim]
    attributions: list[Attribution]


@dataclass
class CacheStats:
    """Counts of one run: documents served from the cache, processed, entries written or found bad."""

    hits: int = 0
    misses: int = 0
    written: int = 0
    bad: int = 0


def default_dir() -> Path:
    """$ARGMAP_CACHE_DIR, else .argmap-cache in the working directory."""
    return Path(os.environ.get(ENV_VAR) or DEFAULT_DIR)


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Digest of argmap's own source, so an upgraded or edited argmap never reuses stale results."""
    root = Path(argmap.__file__).resolve().parent
    h = hashlib.sha256(argmap.__version__.encode())
    for path in sorted(root.rglob("*.py")):
        h.update(str(path.relative_to(root)).encode() + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


class ResultCache:
    """A directory of cached DocResults for one rule pack and model."""

    def __init__(self, directory: str | Path | None, pack_digest: str, model: str | None = None) -> None:
        self.root = Path(directory) if directory is not None else default_dir()
        self.dir = self.root / FORMAT
        self.salt = "\0".join([FORMAT, argmap.__version__, code_digest(), spacy.__version__, model or "blank:en", pack_digest])
        self.stats = CacheStats()
        self._writable = True

    def key(self, document: Document) -> str:
        """sha256 over the document (as parsed, with its id and path) and the salt."""
        h = hashlib.sha256(self.salt.encode())
        h.update(b"\0")
        h.update(document.model_dump_json().encode())
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.json"

    def get(self, document: Document, key: str | None = None) -> DocResult | None:
        """The cached result for `document`, or None (missing, unreadable or invalid entries alike)."""
        key = key or self.key(document)
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            self.stats.misses += 1
            return None
        try:
            entry = CachedResult.model_validate_json(data)
            if entry.key != key:
                raise ValueError("entry holds another key")
        except (ValidationError, ValueError):
            self.stats.bad += 1
            self.stats.misses += 1
            return None
        self.stats.hits += 1
        return DocResult(document, entry.claims, entry.attributions)

    def put(self, result: DocResult, key: str | None = None) -> None:
        """Store `result` atomically; failures (read-only or full disk) only turn the cache off."""
        if not self._writable:
            return
        key = key or self.key(result.document)
        path = self._path(key)
        text = CachedResult(key=key, claims=result.claims, attributions=result.attributions).model_dump_json()
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, path)
            tmp = None
            self.stats.written += 1
        except OSError:
            self._writable = False
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
