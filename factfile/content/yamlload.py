"""Read YAML strictly into a tree of positioned nodes, without constructing any Python object.

PyYAML's constructors are never run: the C parser composes nodes and this module turns them into
`Node`s that keep the raw text, the resolved tag and the position. The validator decides what a
scalar means, so `no` is not silently false, `2025-02-30` is not a bare ValueError and `012345` is
not the octal number 5349. Duplicate keys, anchors, non-standard tags and deep nesting are refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

try:  # the C parser is ~10x faster; the pure-Python one gives the same nodes
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML wheels ship libyaml
    from yaml import SafeLoader as _Loader

_CORE = "tag:yaml.org,2002:"
SCALAR_TAGS = {"str", "int", "float", "bool", "null", "timestamp"}
MAX_DEPTH = 32
MAX_NODES = 200_000
# PyYAML composes recursively, in C with the C loader: a few thousand nested brackets overflow the C
# stack and kill the process (a segfault, not an exception). Nesting deeper than this bound is
# measured on the event stream, which is flat, before anything is composed.
SAFE_COMPOSE_DEPTH = 400
_BLOCK_PREFIX = re.compile(r"^[ \t]*(?:[-?:][ \t]+)*", re.MULTILINE)


@dataclass(slots=True)
class Node:
    """A YAML value with its 1-based position: a mapping, a list or a scalar's raw text."""

    value: dict[str, Node] | list[Node] | str
    line: int
    column: int
    tag: str  # str, int, float, bool, null, timestamp, map or seq
    quoted: bool = False
    key_pos: tuple[int, int] | None = field(default=None)

    @property
    def pos(self) -> tuple[int, int]:
        return (self.line, self.column)

    @property
    def kind(self) -> str:
        """Return 'mapping', 'list' or 'scalar'."""
        return "mapping" if self.tag == "map" else "list" if self.tag == "seq" else "scalar"


class YamlError(Exception):
    """A file that is not readable YAML, with the position and a hint."""

    def __init__(self, line: int, column: int, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.line, self.column, self.message, self.hint = line, column, message, hint


def decode(data: bytes) -> str:
    """Decode UTF-8 (a BOM is allowed), raising YamlError at the first bad byte."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlError(line, column, f"is not UTF-8 text (byte 0x{data[exc.start]:02x})",
                        "save the file as UTF-8") from None
    return text


def parse(data: bytes) -> Node | None:
    """Parse one YAML document into Nodes; None for an empty file. Raises YamlError."""
    text = decode(data)
    try:
        if _nesting_bound(text) > SAFE_COMPOSE_DEPTH:
            _check_depth(text)
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise _marked_error(exc, text) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise YamlError(line, column, f"contains a character YAML does not allow "
                        f"(U+{ord(text[exc.position]) if exc.position < len(text) else 0:04X})",
                        "remove control characters such as NUL") from None
    except yaml.YAMLError as exc:  # e.g. a second document
        raise YamlError(1, 1, f"is not valid YAML: {exc}") from None
    if root is None:
        return None
    return _Builder().build(root)


def _nesting_bound(text: str) -> int:
    """Return a cheap upper bound of how deeply the YAML text can nest collections.

    Every flow collection opens with [ or {. A block collection starts on its line after nothing but
    indentation and the indicators -, ? and :, and a nested one starts further right or (a list
    under a key) at the same column, so block nesting is at most twice the widest such prefix.
    """
    widest = max((len(m.group()) for m in _BLOCK_PREFIX.finditer(text)), default=0)
    return text.count("[") + text.count("{") + 2 * (widest + 1)


def _check_depth(text: str) -> None:
    """Raise YamlError if collections nest deeper than MAX_DEPTH, reading events without recursion."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                raise YamlError(mark.line + 1, mark.column + 1, "the file is nested too deeply",
                                f"content files stay under {MAX_DEPTH} levels")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _marked_error(exc: yaml.MarkedYAMLError, text: str) -> YamlError:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "is not valid YAML"
    hint = ""
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in here[: max(column, 1)] or "\t" in here.lstrip(" ")[:1]:
        problem, hint = "a tab character is not allowed here", "indent with spaces, not tabs"
    elif "mapping values are not allowed" in problem:
        hint = "a value that contains ': ' must be quoted"
    elif exc.context:
        problem = f"{problem} ({exc.context})"
        if exc.context_mark and exc.context_mark.line + 1 != line:
            hint = f"it starts on line {exc.context_mark.line + 1}"
    return YamlError(line, column, f"YAML syntax error: {problem}", hint)


class _Builder:
    """Turn composed PyYAML nodes into Nodes, checking what PyYAML lets through."""

    def __init__(self) -> None:
        self.seen: set[int] = set()
        self.count = 0

    def build(self, node: yaml.Node, depth: int = 0) -> Node:
        mark = node.start_mark
        line, column = mark.line + 1, mark.column + 1
        if id(node) in self.seen:
            raise YamlError(line, column, "anchors and aliases (& and *) are not supported",
                            "write the value out in full")
        self.seen.add(id(node))
        self.count += 1
        if depth > MAX_DEPTH or self.count > MAX_NODES:
            raise YamlError(line, column, "the file is nested too deeply or is too large",
                            f"content files stay under {MAX_DEPTH} levels and {MAX_NODES} values")
        tag = node.tag[len(_CORE):] if node.tag.startswith(_CORE) else node.tag
        if isinstance(node, yaml.MappingNode):
            if tag != "map":
                raise _tag_error(node.tag, line, column)
            return Node(self._mapping(node, depth), line, column, "map")
        if isinstance(node, yaml.SequenceNode):
            if tag != "seq":
                raise _tag_error(node.tag, line, column)
            return Node([self.build(item, depth + 1) for item in node.value], line, column, "seq")
        if tag not in SCALAR_TAGS:
            raise _tag_error(node.tag, line, column)
        return Node(node.value, line, column, tag, quoted=bool(node.style))

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Node]:
        result: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = self.build(key_node, depth + 1)
            if key.kind != "scalar" or key.tag not in {"str"}:
                raise YamlError(key.line, key.column, f"the key {key_node.value!r} is not a field name",
                                "field names are plain words such as 'name'; quote them if YAML "
                                "reads them as true, false, a number or a date")
            if key.value in result:
                first = result[key.value].key_pos or (0, 0)
                raise YamlError(key.line, key.column, f"duplicate key {key.value!r}",
                                f"it is already set on line {first[0]}; keep one")
            value = self.build(value_node, depth + 1)
            value.key_pos = key.pos
            result[str(key.value)] = value
        return result


def _tag_error(tag: str, line: int, column: int) -> YamlError:
    if tag == _CORE + "merge":
        return YamlError(line, column, "merge keys (<<) are not supported", "write the fields out in full")
    return YamlError(line, column, f"the YAML tag {tag!r} is not allowed",
                     "content files use plain YAML: text, numbers, lists and mappings")
