"""Hostile YAML in the files contributors and maintainers edit: sidecars
(``<name>.meta.yml``), note files (``site-data/annotations/``) and the entity
registry (``site-data/entities.yml``). TEST FIXTURE inputs, generated here.

Nothing crashes: a sidecar or the registry raises one clear InputError (one
line, naming the file); the note loader reports every problem as a
diagnostic and raises nothing. Alias bombs ("billion laughs") are refused
before anything is built; deep nesting and huge files end quickly.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from generator.annotations.load import load_notes
from generator.diagnostics import InputError
from generator.registry import load_registry
from generator.sidecar import load_sidecar
from generator.yamlio import MAX_BYTES

TOKENS = (
    "title", "published", "dateline", "editors", "paragraphs", "key_figures", "people", "quotes", "events",
    "word_count", "quote", "prefix", "suffix", "kind", "verdict", "body", "author", "added", "sources", "url",
    "id", "entities", "name", "aliases", "wikidata", "place", "date", "text", "value", "unit", "counts",
    "paragraph", "forms", "speaker", "expression",
    ":", ": ", " ", "\n", "\n- ", "\n  ", "- ", "\t", "'", '"', "{", "}", "[", "]", ",", "?", "|", ">", "#",
    "---", "...", "&a ", "*a", "<<: ", "!!int", "!!float", "!!timestamp", "!!binary", "!!set", "!!omap",
    "!!str", "!!python/object/apply:os.system", "%YAML 1.1\n", "2020-05-17", "2026-02-30", "2020-13-45",
    "2020-05-17T15:51:00+08:00", "null", "~", "true", "false", "12", "-1", "1e400", ".nan", "0x1F",
    "context", "fact-check", "accurate", "https://example.org", "javascript:alert(1)", "person", "place",
    "\x85", "\x83", "\u202e", "\ufeff", "\u2028",
)
yamlish = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=8)), max_size=40).map("".join)
PROPERTY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

BOMB = "\n".join([
    "# TEST FIXTURE - billion laughs",
    'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
    *(f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)),
])


def assert_clear(error: InputError, rel: str) -> None:
    assert "\n" not in str(error) and str(error).startswith(rel), str(error)


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    return path


def sidecar_outcome(folder: Path, data) -> InputError | None:
    rel = "site-data/raw/fixture.meta.yml"
    try:
        load_sidecar(write(folder, "fixture.meta.yml", data), rel)
    except InputError as error:
        assert_clear(error, rel)
        return error
    return None


def registry_outcome(folder: Path, data) -> InputError | None:
    rel = "site-data/entities.yml"
    try:
        load_registry(write(folder, "entities.yml", data), rel)
    except InputError as error:
        assert_clear(error, rel)
        return error
    return None


def notes_outcome(root: Path, data, name: str = "fixture-article/note.yml"):
    annotations = root / "site-data" / "annotations"
    write(annotations, name, data)
    notes, report = load_notes(annotations, {"fixture-article"}, root)
    for diagnostic in report.diagnostics:
        line = diagnostic.format()
        assert "\n" not in line and line.startswith("site-data/annotations/"), line
    return notes, report


@PROPERTY
@given(text=yamlish)
def test_sidecar_never_crashes(tmp_path_factory, text):
    sidecar_outcome(tmp_path_factory.mktemp("side"), text)


@PROPERTY
@given(text=yamlish)
def test_registry_never_crashes(tmp_path_factory, text):
    registry_outcome(tmp_path_factory.mktemp("reg"), text)


@PROPERTY
@given(text=yamlish)
def test_note_loader_never_raises(tmp_path_factory, text):
    notes, report = notes_outcome(tmp_path_factory.mktemp("notes"), text)
    # a note that loads is a valid one; a file that gives none says why (or is empty)
    if not notes.get("fixture-article"):
        assert report.diagnostics or not text.strip(" \t\n\ufeff")


@PROPERTY
@given(data=st.binary(max_size=300))
def test_yaml_loaders_on_arbitrary_bytes(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("bytes")
    sidecar_outcome(folder, data)
    registry_outcome(folder, data)
    notes_outcome(folder, data)


# --- crashes found by the property tests, each a regression case ---------------------------

@pytest.mark.parametrize("text, message", [
    ("title: !!int\n", "a value cannot be read (IndexError"),
    ("published: !!timestamp x\n", "a value cannot be read (AttributeError"),
    ("published: 2020-02-30\n", "invalid value: day is out of range for month"),
    ("word_count: !!float abc\n", "invalid value: could not convert string to float"),
    ("title: TEST FIXTURE \x83\n", "character U+0083 is not allowed in YAML"),
])
def test_sidecar_bad_values_are_input_errors(tmp_path, text, message):
    error = sidecar_outcome(tmp_path, text)
    assert error is not None and message in str(error), error


def test_c1_control_character_names_the_line(tmp_path):
    _, report = notes_outcome(tmp_path, "- quote: TEST FIXTURE\n  body: x\n  author: \x9b\n")
    assert [d.format() for d in report.diagnostics] == [
        "site-data/annotations/fixture-article/note.yml:3: error: character U+009B is not allowed in YAML "
        '(delete it, or write it as an escape such as "\\x85" in a double-quoted string)']


# --- alias bombs, depth, size ------------------------------------------------------------

def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


def test_alias_bomb_rejected_quickly_everywhere(tmp_path):
    error, seconds = timed(sidecar_outcome, tmp_path, BOMB)
    assert "anchors and aliases" in str(error) and seconds < 1
    error, seconds = timed(registry_outcome, tmp_path, "entities:\n  - " + BOMB.replace("\n", "\n    "))
    assert "anchors and aliases" in str(error) and seconds < 1
    (notes, report), seconds = timed(notes_outcome, tmp_path, BOMB)
    assert not notes and seconds < 1
    assert [d.message for d in report.errors] == ["YAML anchors and aliases (&name, *name) are not allowed"]
    assert report.errors[0].line == 2


@pytest.mark.parametrize("depth", [40, 900, 5000, 100_000])
def test_deep_nesting_ends_quickly(tmp_path, depth):
    """Deeper than MAX_DEPTH is refused with the line where it gets too deep
    (before anything recursive sees it); past libyaml's own limit (1,000) the
    parser refuses it. Never a RecursionError."""
    flow = "title: " + "[" * depth + "]" * depth + "\n"
    block = "".join("  " * i + "k:\n" for i in range(min(depth, 1100))) + "  " * min(depth, 1100) + "v\n"
    for text in (flow, block):
        error, seconds = timed(sidecar_outcome, tmp_path, text)
        assert seconds < 2
        assert "nested more than 32 levels deep" in str(error) or "exceeded maximum nesting depth" in str(error)
        (_notes, report), seconds = timed(notes_outcome, tmp_path, text)
        assert report.errors and seconds < 2
        error, seconds = timed(registry_outcome, tmp_path, "entities:\n- " + text)
        assert error is not None and seconds < 2
    if depth < 1000:  # the flow form sits on line 2 of the registry
        error = registry_outcome(tmp_path, "entities:\n- " + flow)
        assert str(error) == ("site-data/entities.yml:2: error: values nested more than 32 levels deep "
                              "(flatten the lists and mappings)")


def test_file_over_the_size_limit_refused_before_parsing(tmp_path):
    huge = "- " + "x" * (MAX_BYTES + 10) + "\n"
    (_notes, report), seconds = timed(notes_outcome, tmp_path, huge)
    assert seconds < 1
    assert report.errors[0].message.startswith(f"file is {MAX_BYTES + 13:,} bytes, over the")
    error, seconds = timed(sidecar_outcome, tmp_path, huge)
    assert "over the" in str(error) and seconds < 1


def test_large_yaml_is_linear(tmp_path):
    """A flat list of tiny values (the most nodes per byte): four times the
    size may take at most ten times as long (linear is four, quadratic 16).
    CPU time, best of three: wall time on a shared machine made this flaky."""
    def seconds(n: int) -> float:
        path = write(tmp_path, f"n{n}.meta.yml", "editors: [" + ", ".join(["x"] * n) + "]\n")
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            load_sidecar(path, "x.meta.yml")
            best = min(best, time.process_time() - start)
        return best

    small, large = seconds(20_000), seconds(80_000)
    assert large < 10 * small + 0.2, (small, large)
    assert large < 5, large
