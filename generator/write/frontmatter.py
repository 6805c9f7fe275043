"""YAML front matter, fast: one line per key (and per item of a list of
mappings), each value in JSON flow style.

JSON is YAML's flow style, so ``dateline: {"place": "BEIJING", "date": "2020-05-17"}``
and a block list of such mappings (``people:`` then ``- {"name": "Tedros", ...}``
lines) are plain YAML that any YAML parser (PyYAML, which MkDocs uses, ruamel, serde,
js-yaml) reads back as the same data, and json.dumps writes it at C speed
(PyYAML's pure-Python representer took most of an article page's rendering
time). Two things JSON writes that YAML 1.1 reads differently are handled:

- characters YAML does not allow raw in a stream, or reads as line breaks
  (DEL, C1 controls, U+2028/2029, BOM, noncharacters, lone surrogates), are
  written as ``\\uXXXX`` escapes, which JSON and YAML both read;
- a float JSON writes with an exponent (``1e+16``) is a string to YAML 1.1,
  and NaN or infinity is not JSON: such a value is written by PyYAML instead.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any, Mapping

import yaml

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_KEY = re.compile(r"[a-z][a-z0-9_]*\Z")
#: plain words YAML 1.1 reads as booleans or null: never used unquoted as keys
_RESERVED = frozenset("y n yes no on off true false null".split())
_RISKY = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_EXPONENT = re.compile(r"[0-9][eE][-+]?[0-9]")


def _escape(match: re.Match) -> str:
    return f"\\u{ord(match.group()):04x}"


def value_text(value: Any) -> str:
    """One value as YAML flow text on one line."""
    try:
        out = json.dumps(value, ensure_ascii=False, allow_nan=False)
    except ValueError:  # NaN or infinity
        out = None
    if out is None or _EXPONENT.search(out):  # maybe a float YAML 1.1 would read as a string
        if out is None or _has_awkward_float(value):
            dumped = yaml.dump(value, Dumper=_DUMPER, default_flow_style=True, allow_unicode=True,
                               width=1 << 30, sort_keys=False)
            return dumped.removesuffix("\n...\n").rstrip("\n")
    return _RISKY.sub(_escape, out) if _RISKY.search(out) else out


def _has_awkward_float(value: Any) -> bool:
    if isinstance(value, float):
        return not math.isfinite(value) or "e" in repr(value)
    if isinstance(value, dict):
        return any(_has_awkward_float(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_has_awkward_float(v) for v in value)
    return False


def front_matter(data: Mapping[str, Any]) -> str:
    """``---``, one ``key: value`` line per key in order (a list of mappings as a
    block list, one mapping per line), ``---``; ending in a newline."""
    lines = ["---"]
    for key, value in data.items():
        if not _KEY.match(key) or key in _RESERVED:
            raise ValueError(f"front-matter key {key!r} must be a lower-case name that YAML reads as a string")
        if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            lines.append(f"{key}:")
            lines.extend(f"  - {value_text(item)}" for item in value)
        else:
            lines.append(f"{key}: {value_text(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def read(text: str, marker: tuple[str, Any], skip: frozenset[str] = frozenset()
         ) -> tuple[dict[str, Any], str] | None:
    """The inverse of :func:`page`, at C speed: (data, body) of a generated page,
    one whose front matter :func:`front_matter` wrote with JSON values only and
    holds ``marker`` (key, value); None for any other text, to be read with a
    YAML parser (for a generated page: the same data, more slowly). Keys in
    ``skip`` are left out, their values not even parsed."""
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---\n", 3)
    if end < 0:
        return None
    data: dict[str, Any] = {}
    block: list | None = None  # the block list being read ("key:" then "  - value" lines)
    skipped = [None]  # a placeholder block for the items of a key in ``skip``
    try:
        for line in text[4:end].split("\n"):
            if line.startswith("  - "):
                if block is None:
                    return None
                if block is not skipped:
                    block.append(json.loads(line[4:]))
                continue
            if block == []:
                return None  # "key:" with no items is null to YAML
            block = None
            key, sep, value = line.partition(": ")
            if sep and _KEY.match(key):
                if key not in skip:
                    data[key] = json.loads(value)
            elif line.endswith(":") and _KEY.match(line[:-1]):
                if line[:-1] in skip:
                    block = skipped
                else:
                    block = data[line[:-1]] = []
            else:
                return None
    except ValueError:  # a value PyYAML wrote (.inf, an unquoted string): not JSON
        return None
    if block == [] or data.get(marker[0]) != marker[1]:
        return None  # not a generated page
    return data, text[end + 5:].lstrip("\n")


def page(data: Mapping[str, Any], body: str) -> str:
    """A whole page: front matter, a blank line, the body (ending in one newline)."""
    return f"{front_matter(data)}\n{body.strip(chr(10))}\n"
