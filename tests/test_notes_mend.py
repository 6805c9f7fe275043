"""`newsarchive check --fix` and the context a build records for notes that have none.

The archive is a scratch copy of the seed; the edits made to its text and the
notes written here are TEST FIXTURES.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.annotations.mend import Fix, rewrite
from generator.cache import Cache, digest
from generator.cli import main
from generator.diagnostics import Report
from generator.pipeline import Options, generate

ROOT = Path(__file__).resolve().parent.parent
SEED_ID = "2020-05-17-what-china-has-done-to-boost-intl-cooperation-against-covid-19"
NOTES = Path("site-data/annotations") / SEED_ID
RAW = Path("site-data/raw") / f"{SEED_ID}.txt"
OLD = "the COVID-19 pandemic is causing significant loss of life"
BARE = f"""\
# TEST FIXTURE: a note written before annotate recorded an id and context
quote: "{OLD}"   # paragraph 1
kind: context
body: TEST FIXTURE note.
author: Test Fixture
added: 2026-11-29
"""


def run(root: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(root), *args], catch_exceptions=False)


def edit(root: Path, old: str, new: str) -> None:
    path = root / RAW
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def repo(archive: Path) -> Path:
    shutil.copy(ROOT / "mkdocs.yml", archive / "mkdocs.yml")
    (archive / NOTES / "bare.yml").write_text(BARE, encoding="utf-8")
    return archive


# --- rewriting note files ---------------------------------------------------------------------------------

MAPPING = """\
# A TEST FIXTURE note: comments, a block scalar and a list stay as they are.
quote: "the harbour bridge reopend"  # typo in the article, since corrected
kind: context
body: |
  Two lines
  of body.
sources:
  - url: https://example.org/
    title: A page
author: Test Fixture
added: 2026-11-29
"""


def test_rewrite_changes_only_the_keys_fixed():
    """The comment on the changed line is kept (ruamel keeps its column: one space less here)."""
    new = rewrite(MAPPING, [Fix("x.yml", 2, "n", (("id", "harbour-bridge"), ("quote", "the harbour bridge reopened"),
                                                   ("prefix", "On Monday,"), ("suffix", "after repairs.")), "")])
    assert new == MAPPING.replace(
        'quote: "the harbour bridge reopend"  # typo in the article, since corrected\n',
        'id: harbour-bridge\nquote: "the harbour bridge reopened" # typo in the article, since corrected\n'
        'prefix: "On Monday,"\nsuffix: "after repairs."\n')


def test_rewrite_finds_each_note_of_a_list_by_its_line():
    text = ("# TEST FIXTURE\n- quote: 'first one'\n  kind: context\n\n# the second\n- id: second\n"
            "  quote: second one\n  prefix: old words\n  kind: context\n")
    new = rewrite(text, [Fix("x.yml", 6, "second", (("quote", "second, corrected"), ("prefix", "")), ""),
                         Fix("x.yml", 2, "first", (("quote", "first 'one'"),), "")])
    assert new == ("# TEST FIXTURE\n- quote: 'first ''one'''\n  kind: context\n\n# the second\n- id: second\n"
                   '  quote: "second, corrected"\n  kind: context\n')


def test_rewrite_refuses_to_change_other_lines():
    text = "quote:    spaced out\nkind:   context\n"
    with pytest.raises(ValueError, match="would change other lines too"):
        rewrite(text, [Fix("x.yml", 1, "n", (("quote", "spaced"),), "")])


# --- check and check --fix on the command line ------------------------------------------------------------

def test_check_warns_about_a_note_without_id_and_suggests_one(repo: Path):
    result = run(repo, "check")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == (
        f"{NOTES}/bare.yml:2: warning: note 'the-covid-19-pandemic-is-causing-8a0d15' has no 'id': its permalink "
        "#note-the-covid-19-pandemic-is-causing-8a0d15 is made from its quote and changes whenever the quote is "
        "corrected (add 'id: the-covid-19-pandemic-is-causing-8a0d15' to keep the permalink it has now "
        "(`newsarchive check --fix` does it))")
    assert run(repo, "check", "--strict").exit_code == 1


def test_check_fix_mends_a_drifted_quote_and_keeps_the_file_layout(repo: Path):
    edit(repo, "causing significant loss of life", "causing a significant loss of lives")
    before = {p.name: p.read_bytes() for p in (repo / NOTES).iterdir()}
    result = run(repo, "check")
    assert result.exit_code == 0
    assert {p.name: p.read_bytes() for p in (repo / NOTES).iterdir()} == before  # check alone writes nothing
    assert (f"{NOTES}/bare.yml:2: warning: note 'the-covid-19-pandemic-is-causing-8a0d15': the quoted text "
            "changed; anchored on the closest passage, in paragraph 1 (words ") in result.stderr
    fixed = run(repo, "check", "--fix")
    assert fixed.exit_code == 0, fixed.output
    assert fixed.stdout.splitlines() == [
        f"{NOTES}/bare.yml:2: fixed: note 'the-covid-19-pandemic-is-causing-8a0d15': added 'id: "
        "the-covid-19-pandemic-is-causing-8a0d15' (its permalink now); quote 'the COVID-19 pandemic is causing "
        "significant loss of life' -> 'the COVID-19 pandemic is causing a significant loss of lives'; "
        "prefix/suffix set to the words now around it (paragraph 1)"]
    assert fixed.stderr.splitlines() == ["fixed 1 note",
                                         "checked 1 article, 4 notes, 30 registered entities: 0 errors, 0 warnings"]
    assert (repo / NOTES / "bare.yml").read_text(encoding="utf-8") == BARE.replace(
        f'quote: "{OLD}"   # paragraph 1\n',
        'id: the-covid-19-pandemic-is-causing-8a0d15\n'
        'quote: "the COVID-19 pandemic is causing a significant loss of lives" # paragraph 1\n'
        'prefix: "17 (Xinhua) -- Across the globe,"\n'
        'suffix: ", disrupting livelihoods, and threatening"\n')
    again = run(repo, "check", "--fix")
    assert again.exit_code == 0 and again.stdout == ""
    assert again.stderr.splitlines()[0] == "fixed 0 notes"


def test_check_fix_leaves_orphans_alone_and_says_so(repo: Path):
    edit(repo, "the COVID-19 pandemic is causing significant loss of life, disrupting livelihoods",
         "TEST FIXTURE words that say something else entirely")
    result = run(repo, "check", "--fix", "--strict")
    assert result.exit_code == 1
    assert (repo / NOTES / "bare.yml").read_text(encoding="utf-8").startswith(
        "# TEST FIXTURE: a note written before annotate recorded an id and context\n"
        "id: the-covid-19-pandemic-is-causing-8a0d15\n"
        f'quote: "{OLD}"   # paragraph 1\n')
    assert (f"{NOTES}/bare.yml:2: warning: note 'the-covid-19-pandemic-is-causing-8a0d15' not fixed: its passage "
            "is not found") in result.stderr


# --- the context a build records --------------------------------------------------------------------------

def page(root: Path) -> bytes:
    found = [p for p in (root / "content").rglob("*.md") if SEED_ID in p.name]
    assert len(found) == 1
    return found[0].read_bytes()


def drift_with_a_decoy(root: Path) -> None:
    """The annotated words reworded, and the old words now in another paragraph (TEST FIXTURE)."""
    edit(root, "causing significant loss of life", "causing heavy loss of life")
    edit(root, "The Chinese people stand on the frontline",
         f"TEST FIXTURE: experts warn that {OLD}. The Chinese people stand on the frontline")


def test_the_build_records_context_and_the_page_never_depends_on_it(repo: Path, tmp_path: Path):
    first, _ = generate(repo, Report())
    assert first is not None
    recorded = Cache(repo).get("contexts", digest(SEED_ID))
    note_id = "the-covid-19-pandemic-is-causing-8a0d15"
    assert recorded[note_id] == {"quote": OLD, "prefix": "17 (Xinhua) -- Across the globe,",
                                 "suffix": ", disrupting livelihoods, and threatening"}
    drift_with_a_decoy(repo)
    fresh = tmp_path / "fresh"  # the same inputs, no cache: a fresh clone, or CI
    shutil.copytree(repo, fresh, ignore=shutil.ignore_patterns(".cache", "content"))
    (fresh / "content").mkdir()
    _, report = generate(repo, Report())
    _, fresh_report = generate(fresh, Report(), options=Options(cache=False))
    assert page(repo) == page(fresh)  # byte for byte, whatever the cache holds
    messages = [d.format() for d in report.diagnostics if note_id in d.message]
    assert [d.format() for d in fresh_report.diagnostics if note_id in d.message] == []  # exact, without context
    assert len(messages) == 1 and messages[0].startswith(
        f"{NOTES}/bare.yml:2: warning: note '{note_id}': the words around its quote when a build last found it "
        "(prefix '17 (Xinhua) -- Across the globe,', suffix ', disrupting livelihoods, and threateni…', "
        "kept in the build cache) point to paragraph 1 (")
    assert messages[0].endswith(
        "not to paragraph 9 where the quote alone puts it (if that is the passage, run `newsarchive check --fix` "
        "to write the quote and its context into the note)")
    # the record is kept while it disagrees, so the next build says it again
    assert Cache(repo).get("contexts", digest(SEED_ID))[note_id] == recorded[note_id]
    # check says it too, and check --fix writes the passage the context points to
    assert messages[0] in run(repo, "check").stderr.splitlines()
    fixed = run(repo, "check", "--fix")
    assert "quote 'the COVID-19 pandemic is causing significant loss of life' -> 'the COVID-19 pandemic is " \
           "causing heavy loss of life'" in fixed.stdout
    assert fixed.exit_code == 0 and fixed.stderr.splitlines()[-1].endswith(": 0 errors, 0 warnings")
