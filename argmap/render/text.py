"""Text helpers for labels and tooltips: cleaning, wrapping, shortening, and escaping per target language."""
from __future__ import annotations

import html
import json
import re
import textwrap

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def clean(text: str | None) -> str:
    """One line: whitespace collapsed, characters that XML cannot carry removed."""
    return " ".join(_CONTROL.sub(" ", text or "").split())


def shorten(text: str, width: int) -> str:
    text = clean(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def wrap(text: str, width: int = 34, max_lines: int = 4) -> list[str]:
    """Wrapped lines, the last one ending in '…' when the text was cut."""
    lines = textwrap.wrap(clean(text), width=width, break_long_words=True, break_on_hyphens=False) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = shorten(lines[-1] + " …", width) if len(lines[-1]) < width - 1 else lines[-1][: width - 1] + "…"
    return lines


def html_text(text: str) -> str:
    """Escaped for HTML/XML text and attribute values (also inside Graphviz HTML-like labels)."""
    return html.escape(clean(text), quote=True).replace("&#x27;", "&#39;")


def dot_esc(text: str) -> str:
    """Escaped for a Graphviz escString (tooltip): backslashes doubled; quotes are left to the DOT quoter."""
    return clean(text).replace("\\", "\\\\")


def dot_lines(lines: list[str]) -> str:
    """Several lines as one escString (Graphviz turns \\n into a line break)."""
    return "\\n".join(dot_esc(line) for line in lines)


def script_json(data: object) -> str:
    """JSON safe inside <script type="application/json">: no '</script>', no HTML comment or CDATA openers."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
