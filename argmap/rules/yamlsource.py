"""Safe YAML loading that remembers the line of every value, for `path:line:` errors."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from argmap.errors import RuleError

Loc = tuple[Any, ...]
MAX_FILE_BYTES = 2_000_000


class LocatedYaml:
    """A parsed YAML file plus the line of each node, addressed by its path of keys/indices."""

    def __init__(self, path: Path, data: Any, lines: dict[Loc, int]) -> None:
        self.path = path
        self.data = data
        self.lines = lines

    def line_of(self, loc: Loc) -> int:
        """The line of the deepest node on `loc` that exists (1-based)."""
        loc = tuple(loc)
        while loc and loc not in self.lines:
            loc = loc[:-1]
        return self.lines.get(loc, 1)


_CONSTRUCTOR = yaml.constructor.SafeConstructor()
FAST_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it: same nodes, 10x faster

_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp",
}


def _build(node: yaml.Node, loc: Loc, lines: dict[Loc, int], path: Path, seen: set[int] | None = None) -> Any:
    seen = set() if seen is None else seen
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        if id(node) in seen:
            # Aliases let a small file expand exponentially ("billion laughs"); rule files don't need them.
            raise RuleError("YAML aliases (*name) are not allowed in rule files", str(path), node.start_mark.line + 1)
        seen.add(id(node))
    lines[loc] = node.start_mark.line + 1
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _COLLECTION_TAGS:
        raise RuleError(f"YAML tag '{node.tag}' is not allowed in rule files", str(path), node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise RuleError("mapping keys must be plain strings", str(path), key_node.start_mark.line + 1)
            key = key_node.value
            if key in out:
                raise RuleError(f"duplicate key '{key}'", str(path), key_node.start_mark.line + 1)
            out[key] = _build(value_node, loc + (key,), lines, path, seen)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, loc + (i,), lines, path, seen) for i, item in enumerate(node.value)]
    if node.tag not in _SCALAR_TAGS:
        # Only plain data is accepted: a tag that would construct an object is refused.
        raise RuleError(f"YAML tag '{node.tag}' is not allowed in rule files", str(path), node.start_mark.line + 1)
    if node.tag == "tag:yaml.org,2002:bool" and node.value.lower() not in ("true", "false"):
        return node.value  # YAML 1.2: yes/no/on/off are words (a rule about "no" must not become False)
    if node.tag == "tag:yaml.org,2002:timestamp":
        return node.value  # dates stay strings: partial ISO dates are common
    return _CONSTRUCTOR.construct_object(node)


def load_yaml(path: Path) -> LocatedYaml:
    """Parse `path` safely; errors name the file and line."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise RuleError(f"rule file is larger than {MAX_FILE_BYTES // 1_000_000} MB", str(path))
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise RuleError("not UTF-8 text", str(path)) from None
    except OSError as exc:
        raise RuleError(f"cannot read: {exc.strerror}", str(path)) from None
    try:
        try:
            node = yaml.compose(text, Loader=FAST_SAFE_LOADER)
        except yaml.YAMLError:
            node = yaml.compose(text, Loader=yaml.SafeLoader)  # PyYAML's own parser words the error
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise RuleError(f"malformed YAML: {exc.problem or exc.context}", str(path), line) from None
    except yaml.YAMLError as exc:
        raise RuleError(f"malformed YAML: {exc}", str(path)) from None
    lines: dict[Loc, int] = {}
    data = _build(node, (), lines, path) if node is not None else None
    return LocatedYaml(path, data, lines)
