"""Writing outputs: deterministic JSON/JSONL/CSV/table text, atomic files that never overwrite inputs."""
from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel

from argmap.errors import ArgmapError
from argmap.model import Claim

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def to_json(obj: object) -> str:
    """Stable JSON: models dumped in field order, non-ASCII kept, trailing newline."""
    if isinstance(obj, BaseModel):
        data = obj.model_dump(mode="json")
    elif isinstance(obj, list):
        data = [o.model_dump(mode="json") if isinstance(o, BaseModel) else o for o in obj]
    else:
        data = obj
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_jsonl_line(model: BaseModel) -> str:
    return json.dumps(model.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":")) + "\n"


def safe_cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


CLAIM_COLUMNS = ["id", "doc", "start", "end", "type", "holder", "holder_kind", "quantifier", "negated", "hedged",
                 "citation_outlet", "citation_date", "rule", "cue", "frame", "text"]


def claim_row(c: Claim) -> list[object]:
    return [c.id, c.doc, c.start, c.end, c.type, c.holder.name, c.holder.kind, c.holder.quantifier or "",
            str(c.negated).lower(), str(c.hedged).lower(), c.citation.outlet if c.citation else "",
            (c.citation.date or "") if c.citation else "", c.rule, c.cue or "", c.provenance.frame_span.text, c.text]


def claims_csv(claims: Iterable[Claim], header: bool = True) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    if header:
        writer.writerow(CLAIM_COLUMNS)
    for c in claims:
        writer.writerow([safe_cell(v) for v in claim_row(c)])
    return buf.getvalue()


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def claims_table(claims: list[Claim]) -> str:
    """A plain-text table readable in a terminal."""
    cols = [("type", 22), ("holder", 26), ("flags", 5), ("source", 18), ("claim", 70)]
    lines = ["  ".join(name.ljust(w) for name, w in cols), "  ".join("-" * w for _, w in cols)]
    for c in claims:
        holder = c.holder.name + (f" ({c.holder.quantifier})" if c.holder.quantifier else "")
        flags = ("N" if c.negated else "") + ("H" if c.hedged else "")
        cells = [c.type, holder, flags, c.citation.outlet if c.citation else "", c.text]
        lines.append("  ".join(_short(v, w).ljust(w) for v, (_, w) in zip(cells, cols)).rstrip())
    lines.append(f"{len(claims)} claim(s)")
    return "\n".join(lines) + "\n"


def write_atomic(path: Path, data: str | bytes, protect: Iterable[Path] = ()) -> None:
    """Write via a temporary file and rename, so an interrupted run never leaves a truncated file."""
    target = Path(path)
    resolved = target.resolve()
    for p in protect:
        if Path(p).resolve() == resolved:
            raise ArgmapError("refusing to overwrite an input document", str(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=str(target.parent))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs get ordinary file permissions
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
