"""Safe YAML loading with line numbers, for files contributors edit.

``load_yaml_file`` rejects what a hostile or careless file can do to a YAML
loader (aliases and anchors, which allow "billion laughs" bombs; huge files),
reports syntax errors with line and column, and returns a map from key paths
to line numbers so schema errors can name the line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .diagnostics import InputError

MAX_BYTES = 2_000_000


#: deeper than this is no archive file's shape (note files need 4 levels): refused before
#: the recursive code that builds and checks values (Python's recursion limit is 1,000)
MAX_DEPTH = 32


def _compose_paths(node: yaml.Node, path: tuple, lines: dict[tuple, int], rel: str) -> None:
    lines[path] = node.start_mark.line + 1
    if len(path) > MAX_DEPTH:
        raise InputError(rel, f"values nested more than {MAX_DEPTH} levels deep",
                         line=node.start_mark.line + 1, fix="flatten the lists and mappings")
    if isinstance(node, yaml.MappingNode):
        seen: dict[object, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is not None and key in seen:  # YAML keeps the last silently: a value would be lost
                raise InputError(rel, f"key {key!r} appears twice (first on line {seen[key]})",
                                 line=key_node.start_mark.line + 1, fix="keep one of the two")
            seen[key] = key_node.start_mark.line + 1
            lines[path + (key,)] = key_node.start_mark.line + 1
            _compose_paths(value_node, path + (key,), lines, rel)
            lines[path + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _compose_paths(item, path + (index,), lines, rel)


# libyaml's parser where PyYAML was built with it (ten times faster), else the pure-Python one
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _reject_aliases(text: str, rel: str) -> None:
    for token in yaml.scan(text, Loader=Loader):
        if isinstance(token, (yaml.AliasToken, yaml.AnchorToken)):
            raise InputError(rel, "YAML anchors and aliases (&name, *name) are not allowed",
                             line=token.start_mark.line + 1,
                             fix="write the value out in full")


_TAG_FIX = "remove explicit tags such as !!int or !!timestamp; write plain values"


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


#: what the parser was reading when it failed, for a construct left open (its start is where the problem is)
_OPENED = {
    "quoted scalar": ("a quoted value", "end the value with the same quote mark on that line"),
    "flow sequence": ("a list opened with '['", "close it with ']' on that line, or quote the value"),
    "flow mapping": ("a mapping opened with '{'", "close it with '}' on that line, or quote the value"),
}


def _syntax_error(exc: yaml.MarkedYAMLError, rel: str, text: str) -> InputError:
    """The error at the line where the problem starts: for a quote, '[' or '{' left open, the line
    where it was opened, not the line (often the end of the file) where the parser gave up."""
    context, start, found = exc.context or "", exc.context_mark, exc.problem_mark
    opened = next((what for key, what in _OPENED.items() if key in context), None)
    if opened and start is not None and found is not None and found.line > start.line:
        at_end = found.index >= len(text.rstrip())
        where = "the end of the file" if at_end else f"line {found.line + 1}"
        return InputError(rel, f"YAML syntax error, column {start.column + 1}: {opened[0]} starts here and is "
                          f"not closed before {where}", line=start.line + 1, fix=opened[1])
    mark = found or start
    line = mark.line + 1 if mark else None
    column = f", column {mark.column + 1}" if mark else ""
    return InputError(rel, f"YAML syntax error{column}: {_one_line(exc.problem or exc.context)}", line=line,
                      fix="check indentation, colons and quotes on that line")


def parse_yaml(text: str, rel: str) -> tuple[Any, dict[tuple, int]]:
    try:
        _reject_aliases(text, rel)
        loader = Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None, {}
            lines: dict[tuple, int] = {}
            _compose_paths(node, (), lines, rel)
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except ValueError as exc:  # e.g. "added: 2026-02-30": PyYAML builds the date and fails
        raise InputError(rel, f"invalid value: {_one_line(exc)}",
                         fix=_TAG_FIX if "!!" in text else "check the dates in this file (YYYY-MM-DD)") from None
    except (TypeError, LookupError, AttributeError, ArithmeticError) as exc:
        # an explicit tag on a value it does not fit, e.g. "!!int" with no number, "!!timestamp x"
        raise InputError(rel, f"a value cannot be read ({type(exc).__name__}: {_one_line(exc)})",
                         fix=_TAG_FIX) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, e.g. a C1 control
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise InputError(rel, f"character U+{ord(char):04X} is not allowed in YAML",
                         line=text.count("\n", 0, exc.position) + 1,
                         fix="delete it, or write it as an escape such as \"\\x85\" in a double-quoted string"
                         ) from None
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, rel, text) from None
    except yaml.YAMLError as exc:
        raise InputError(rel, f"YAML error: {_one_line(exc)}", fix="check the file's YAML syntax") from None
    return data, lines


def load_yaml_file(path: Path, rel: str) -> tuple[Any, dict[tuple, int]]:
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise InputError(rel, f"file is {len(data):,} bytes, over the {MAX_BYTES:,}-byte limit",
                         fix="split it into smaller files")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(rel, "the file is not UTF-8", line=line, fix="re-save it as UTF-8") from None
    return parse_yaml(text, rel)
