"""Reading note files: layouts, schema, and messages naming file, line, key and value."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from generator.annotations import SCHEMA_PATH, load_notes, schema
from generator.annotations.model import default_note_id

FIXTURES = Path(__file__).parent / "fixtures" / "annotations"
ARTICLE = "fixture-article"
GOOD_NOTE = """\
quote: "the harbour bridge reopened"
kind: context
body: Some context.
author: Fixture Author
added: 2026-11-29
"""


def load_one(tmp_path: Path, name: str, text: str, articles=(ARTICLE,)):
    folder = tmp_path / "site-data" / "annotations"
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    notes, report = load_notes(folder, set(articles), tmp_path)
    return notes, [d.format() for d in report.sorted()]


def test_schema_file_is_a_valid_json_schema():
    Draft202012Validator.check_schema(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    assert schema()["$defs"]["note"]["properties"]["kind"]["enum"] == [
        "context", "fact-check", "correction", "source", "definition"]


def test_both_layouts_load_in_file_order():
    notes, report = load_notes(FIXTURES / "good", {ARTICLE}, FIXTURES)
    assert report.diagnostics == []
    got = [(n.quote, n.kind, n.file) for n in notes[ARTICLE]]
    assert got == [
        ("the harbour bridge reopened", "context", "good/fixture-article.yml"),
        ("1,234 passengers", "fact-check", "good/fixture-article.yml"),
        ("the mayor said", "source", "good/fixture-article/more.yml"),
        ("ferry service", "definition", "good/fixture-article/one.yaml"),
    ]
    second = notes[ARTICLE][1]
    assert (second.id, second.verdict, second.added, second.line) == ("second-note", "misleading", "2026-11-30", 7)
    assert second.sources[0].url == "https://example.org/timetable"
    assert second.body_html == ('<p>See <a href="https://example.net/timetable" rel="nofollow noopener">'
                                'the timetable</a>.</p>')


def test_default_ids_are_stable_and_do_not_depend_on_the_file():
    notes, _ = load_notes(FIXTURES / "good", {ARTICLE}, FIXTURES)
    first = notes[ARTICLE][0]
    assert first.id == default_note_id("the harbour bridge reopened", "Fixture Author", "context")
    assert first.id.startswith("the-harbour-bridge-reopened-")
    assert default_note_id("a  b", "X", "context") == default_note_id("a b", "X", "context")
    assert default_note_id("a b", "X", "context") != default_note_id("a b", "Y", "context")


def test_sample_notes_of_the_seed_article_are_valid():
    root = Path(__file__).resolve().parent.parent
    seed = "2020-05-17-what-china-has-done-to-boost-intl-cooperation-against-covid-19"
    notes, report = load_notes(root / "site-data" / "annotations", {seed}, root)
    assert report.diagnostics == []
    assert len(notes[seed]) >= 2
    assert all(n.sources and n.author for n in notes[seed])


def test_misspelt_key_names_the_closest(tmp_path):
    notes, messages = load_one(tmp_path, f"{ARTICLE}.yml", "- " + GOOD_NOTE.replace("quote:", "qoute:")
                               .replace("\n", "\n  ").rstrip() + "\n")
    assert notes == {}
    assert messages == [
        f"site-data/annotations/{ARTICLE}.yml:1: error: unknown key 'qoute' (did you mean 'quote'?)",
    ]


def test_yaml_syntax_error_has_line_and_column(tmp_path):
    _, messages = load_one(tmp_path, f"{ARTICLE}/bad.yml", "# TEST FIXTURE\n" + GOOD_NOTE + "body: Note: a colon\n")
    assert messages == [f"site-data/annotations/{ARTICLE}/bad.yml:7: error: YAML syntax error, column 11: mapping "
                        "values are not allowed in this context (check indentation, colons and quotes on that line)"]


@pytest.mark.parametrize("first, message", [
    ('quote: "the harbour bridge reopened', "column 8: a quoted value starts here and is not closed before the end "
     "of the file (end the value with the same quote mark on that line)"),
    ("quote: 'the harbour bridge reopened", "column 8: a quoted value starts here and is not closed before the end "
     "of the file (end the value with the same quote mark on that line)"),
    ("quote: [the harbour bridge reopened", "column 8: a list opened with '[' starts here and is not closed before "
     "line 2 (close it with ']' on that line, or quote the value)"),
])
def test_unclosed_value_is_reported_where_it_starts(tmp_path, first, message):
    """An unclosed quote on line 1 of a nine-line file is on line 1, not where the parser gave up."""
    text = first + "\n" + GOOD_NOTE.split("\n", 1)[1] + "sources:\n  - url: https://example.org/\n    title: T\n"
    assert text.count("\n") == 8
    _, messages = load_one(tmp_path, f"{ARTICLE}/bad.yml", text)
    assert messages == [f"site-data/annotations/{ARTICLE}/bad.yml:1: error: YAML syntax error, {message}"]


def test_anchors_and_aliases_are_refused(tmp_path):
    _, messages = load_one(tmp_path, f"{ARTICLE}/alias.yml", GOOD_NOTE.replace("author: Fixture Author",
                                                                               "author: &a Fixture\nx: *a"))
    assert messages == [f"site-data/annotations/{ARTICLE}/alias.yml:4: error: YAML anchors and aliases "
                        "(&name, *name) are not allowed (write the value out in full)"]


BAD_VALUES = [
    ("kind: context", "kind: contxt", 2,
     "kind 'contxt' is not one of: context, fact-check, correction, source, definition (did you mean 'context'?)"),
    ("kind: context", "kind: fact-check", 1,
     "a fact-check note needs a 'verdict' (add 'verdict: ' with one of: accurate, misleading, false, unverified)"),
    ("kind: context", "kind: context\nverdict: false", 3,
     "'verdict' is only for fact-check notes, and this note's kind is 'context' "
     "(remove 'verdict', or set 'kind: fact-check')"),
    ("kind: context", "kind: fact-check\nverdict: wrong", 3,
     "verdict 'wrong' is not one of: accurate, misleading, false, unverified (use one of: accurate, misleading, "
     "false, unverified)"),
    ("added: 2026-11-29", "added: 29/11/2026", 5,
     "added '29/11/2026' is not a date (write the date as YYYY-MM-DD, e.g. 2026-11-29)"),
    ("added: 2026-11-29", "added: '2026-02-30'", 5,
     "added '2026-02-30' is not a real date (write the date as YYYY-MM-DD, e.g. 2026-11-29)"),
    ("author: Fixture Author", "author: 42", 4, "author must be text, not a number 42 (put quotes around it)"),
    ("author: Fixture Author", "author: ''", 4, "author is empty (add your name, e.g. 'author: Jane Doe')"),
    ("body: Some context.", "body: " + "x" * 5001, 3,
     "body is 5,001 characters, over the 5,000-character limit (shorten it, or split it into two notes)"),
    ("author: Fixture Author\n", "author: Fixture Author\nsources:\n  - url: ftp://example.org/x\n    title: T\n", 6,
     "sources[1].url 'ftp://example.org/x' is not an http(s) URL "
     "(link to a web page starting with https:// (or http://))"),
    ("author: Fixture Author\n", "author: Fixture Author\nsources:\n  - url: javascript:alert(1)\n    title: T\n", 6,
     "sources[1].url 'javascript:alert(1)' is not an http(s) URL "
     "(link to a web page starting with https:// (or http://))"),
    ("author: Fixture Author\n", "author: Fixture Author\nsources:\n  - url: https://e.org\n    titel: T\n", 7,
     "unknown key 'titel' in sources[1] (did you mean 'title'?)"),
    ("quote:", "id: Not A Slug\nquote:", 1,
     "id 'Not A Slug' is not a slug (use lower-case letters, digits and hyphens, e.g. 'who-mission-report')"),
    ("body: Some context.\n", "", 1, "missing key 'body' (write the note in Markdown)"),
]


@pytest.mark.parametrize("old, new, line, message", BAD_VALUES)
def test_bad_values_are_named_with_line_key_and_value(tmp_path, old, new, line, message):
    assert old in GOOD_NOTE
    notes, messages = load_one(tmp_path, f"{ARTICLE}/note.yml", GOOD_NOTE.replace(old, new))
    assert notes == {}
    assert messages == [f"site-data/annotations/{ARTICLE}/note.yml:{line}: error: {message}"]


def test_impossible_yaml_date_is_reported_not_raised(tmp_path):
    _, messages = load_one(tmp_path, f"{ARTICLE}/note.yml", GOOD_NOTE.replace("2026-11-29", "2026-02-30"))
    assert messages == [f"site-data/annotations/{ARTICLE}/note.yml: error: invalid value: day is out of range "
                        "for month (check the dates in this file (YYYY-MM-DD))"]


def test_unknown_article_suggests_the_closest_id(tmp_path):
    notes, messages = load_one(tmp_path, "fixture-artcle.yml", "- " + GOOD_NOTE.replace("\n", "\n  ").rstrip()
                               + "\n", articles=(ARTICLE, "another-article"))
    assert notes == {}
    assert messages == ["site-data/annotations/fixture-artcle.yml: error: no article 'fixture-artcle' for "
                        "these notes (did you mean 'fixture-article'?)"]


def test_one_bad_note_does_not_stop_the_others(tmp_path):
    text = ("- " + GOOD_NOTE.replace("\n", "\n  ").rstrip() + "\n"
            "- " + GOOD_NOTE.replace("kind: context", "kind: nonsense").replace("\n", "\n  ").rstrip() + "\n")
    (tmp_path / "site-data" / "annotations" / ARTICLE).mkdir(parents=True)
    (tmp_path / "site-data" / "annotations" / ARTICLE / "z-last.yml").write_text(
        GOOD_NOTE.replace("harbour", "river"), encoding="utf-8")
    notes, messages = load_one(tmp_path, f"{ARTICLE}.yml", text)
    assert [n.quote for n in notes[ARTICLE]] == ["the harbour bridge reopened", "the river bridge reopened"]
    assert [m.split(": error: ")[0] for m in messages] == [f"site-data/annotations/{ARTICLE}.yml:7"]


def test_duplicate_ids_are_an_error_naming_the_first(tmp_path):
    text = "- " + GOOD_NOTE.replace("\n", "\n  ").rstrip() + "\n"
    notes, messages = load_one(tmp_path, f"{ARTICLE}.yml", text + text)
    assert len(notes[ARTICLE]) == 1
    first_id = notes[ARTICLE][0].id
    assert messages == [f"site-data/annotations/{ARTICLE}.yml:6: error: note id {first_id!r} is already used "
                        f"at site-data/annotations/{ARTICLE}.yml:1 (give one of them its own 'id: ...')"]


def test_not_a_note_shape(tmp_path):
    _, messages = load_one(tmp_path, f"{ARTICLE}.yml", "just a string\n")
    assert messages == [f"site-data/annotations/{ARTICLE}.yml:1: error: a note file holds a note or a list of "
                        "notes, not text (start each note with '- quote: ...')"]


def test_stray_files_are_warned_about_and_readmes_ignored(tmp_path):
    folder = tmp_path / "site-data" / "annotations"
    (folder / ARTICLE).mkdir(parents=True)
    (folder / "README.md").write_text("how to annotate", encoding="utf-8")
    (folder / ARTICLE / "note.txt").write_text(GOOD_NOTE, encoding="utf-8")
    notes, report = load_notes(folder, {ARTICLE}, tmp_path)
    assert notes == {}
    assert [d.format() for d in report.diagnostics] == [
        f"site-data/annotations/{ARTICLE}/note.txt: warning: not a note file, ignored "
        "(note files end in .yml; put other files elsewhere)"]


def test_missing_folder_is_no_notes(tmp_path):
    notes, report = load_notes(tmp_path / "nowhere", {ARTICLE}, tmp_path)
    assert notes == {} and report.diagnostics == []
