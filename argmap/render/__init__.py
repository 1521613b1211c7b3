"""Rendering argument maps: DOT/SVG/PNG (dot.py), interactive HTML (html.py), the reading view (reading.py)."""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from argmap.errors import ArgmapError, InputError
from argmap.model import ArgumentMap, Document
from argmap.render.view import RenderOptions

FORMATS = {".svg": "svg", ".png": "png", ".dot": "dot", ".gv": "dot", ".html": "html", ".htm": "html"}

__all__ = ["FORMATS", "MapInput", "RenderOptions", "format_for", "load_map", "render", "render_paths", "show_document"]


@dataclass
class MapInput:
    amap: ArgumentMap
    documents: list[Document]
    colors: dict[str, str]


def type_colors(rules_dir: str | None) -> dict[str, str]:
    from argmap.pipeline.rulecache import get_rules

    return {t.id: t.color for t in get_rules(rules_dir).types if t.color}


def format_for(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ArgmapError(f"cannot tell the format from '{path.suffix or path.name}': use .svg, .png, .dot or .html", str(path))
    return fmt


def load_map(paths: list[str], rules_dir: str | None = None, model: str | None = None, encoding: str = "utf-8",
             on_error: Callable[[InputError], None] | None = None) -> MapInput:
    """Extract claims from the documents and link them to the debate's positions."""
    from argmap import api
    from argmap.pipeline.rulecache import get_rules

    try:
        from argmap.link import build_map
    except ImportError as exc:  # the linker ships separately
        raise ArgmapError(f"argument linking is not available ({exc})") from None
    results = list(api.process(paths, rules_dir, model, 1, encoding, on_error=on_error))
    amap = build_map(results, get_rules(rules_dir), documents=[r.document for r in results])
    return MapInput(amap, [r.document for r in results], type_colors(rules_dir))


def stance_text(amap: ArgumentMap) -> str | None:
    """The stance report as a text table, when the stances module is installed."""
    try:
        from argmap.stances import summarize, to_table
    except ImportError:
        return None
    return to_table(summarize(amap))


def stance_report_text(amap: ArgumentMap, fmt: str, by: str) -> str:
    """The stances module's report in table, markdown or JSON form (imported lazily: it ships separately)."""
    import inspect
    import json

    try:
        from argmap import stances
    except ImportError as exc:
        raise ArgmapError(f"stance reports are not available ({exc})") from None

    def call(fn: Callable[..., object], *args: object) -> object:
        return fn(*args, by=by) if "by" in inspect.signature(fn).parameters else fn(*args)

    report = call(stances.summarize, amap)
    if fmt == "json":
        dump = getattr(report, "model_dump", None)
        text = json.dumps(dump(mode="json") if dump else report, ensure_ascii=False, indent=2)
    else:
        text = str(call(stances.to_markdown if fmt == "markdown" else stances.to_table, report))
    return text if text.endswith("\n") else text + "\n"


def render(data: MapInput, fmt: str, opts: RenderOptions = RenderOptions()) -> bytes:
    """The map in one format (svg, png, dot, html) as bytes."""
    from argmap.render import dot, html

    if fmt == "dot":
        return dot.dot_source(data.amap, data.colors, opts).encode("utf-8")
    if fmt in ("svg", "png"):
        return dot.run_dot(dot.dot_source(data.amap, data.colors, opts), fmt)
    if fmt == "html":
        return html.to_html(data.amap, data.colors, opts, data.documents, stance_text(data.amap)).encode("utf-8")
    raise ArgmapError(f"unknown map format '{fmt}'")


AUTO_COLLAPSE = 300


def resolve_collapse(opts: RenderOptions, n_claims: int) -> RenderOptions:
    """Claim-by-claim maps of hundreds of claims are unreadable and take Graphviz very long: collapse them
    unless the caller chose explicitly (--collapse / --no-collapse)."""
    if opts.collapse is None:
        return dataclasses.replace(opts, collapse=n_claims > AUTO_COLLAPSE)
    return opts


def render_paths(paths: list[str], output: Path, opts: RenderOptions = RenderOptions(), rules_dir: str | None = None,
                 model: str | None = None, encoding: str = "utf-8",
                 on_error: Callable[[InputError], None] | None = None) -> RenderOptions:
    """Documents -> map file; the format follows the output's suffix. Never overwrites an input.
    Returns the options used (with `collapse` decided when it was left to the size of the map)."""
    from argmap.outputs import write_atomic

    fmt = format_for(output)
    data = load_map(paths, rules_dir, model, encoding, on_error)
    opts = resolve_collapse(opts, len(data.amap.claims))
    write_atomic(output, render(data, fmt, opts), protect=[Path(p) for p in paths if p != "-"])
    return opts


def show_document(path: str, output: Path | None, rules_dir: str | None = None, model: str | None = None,
                  encoding: str = "utf-8") -> str:
    """The reading view of one document (returned, and written to `output` when given)."""
    from argmap import api
    from argmap.outputs import write_atomic
    from argmap.render.reading import reading_page

    results = list(api.process([path], rules_dir, model, 1, encoding))
    if len(results) != 1:
        raise ArgmapError(f"expected one document, found {len(results)}", path)
    page = reading_page(results[0].document, results[0].claims, type_colors(rules_dir))
    if output is not None:
        write_atomic(output, page, protect=[Path(path)] if path != "-" else [])
    return page
