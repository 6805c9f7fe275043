"""`newsarchive annotate`: a ready note whose prefix/suffix pick out exactly the passage meant."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from generator.annotations import Note, anchor, annotate_skeleton
from generator.annotations.skeleton import PassageNotFound
from generator.extract import extract
from generator.extract.entities import Matcher
from generator.readers import load
from generator.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent
SEED = "2020-05-17-what-china-has-done-to-boost-intl-cooperation-against-covid-19"
TODAY = date(2026, 11, 29)


@pytest.fixture(scope="module")
def seed():
    rel = f"site-data/raw/{SEED}.txt"
    return extract(load(ROOT / rel, rel), Matcher(load_registry(ROOT / "site-data" / "entities.yml")))


def notes_of(skeleton: str) -> list[dict]:
    """Each YAML note in the skeleton, filled in as a contributor would."""
    chunks = skeleton.split("# --- occurrence ")
    found = []
    for chunk in chunks:
        data = yaml.safe_load(chunk)
        if isinstance(data, dict) and "quote" in data:
            data.update(body="Filled in.", author="Tester")
            found.append(data)
    return found


def as_note(data: dict, index: int) -> Note:
    return Note(id=f"n{index}", article=SEED, quote=data["quote"], prefix=data.get("prefix"),
                suffix=data.get("suffix"), kind=data["kind"], verdict=None, body=data["body"], body_html="",
                sources=(), author=data["author"], added=str(data["added"]), file="x.yml", line=1)


def test_unique_passage_gets_an_id_and_its_context(seed):
    text = annotate_skeleton(seed, "the most ambitious, agile and aggressive", today=TODAY)
    (data,) = notes_of(text)
    assert data["id"] == "the-most-ambitious-agile-and-aggressive"
    assert data["quote"] == "the most ambitious, agile and aggressive"
    # at least 32 characters of whole words on each side, as the Hypothesis client records them
    assert data["prefix"] == 'countries. "China has rolled out perhaps'
    assert data["suffix"] == 'disease containment effort in history,"'
    assert len(data["prefix"].split(" ", 1)[1]) < 32 <= len(data["prefix"])
    assert (data["kind"], data["added"]) == ("context", TODAY)
    assert "# Paragraph 6." in text
    assert f"site-data/annotations/{SEED}/" in text
    (item,), report = anchor([as_note(data, 0)], seed.paragraphs)
    assert report.diagnostics == [] and item.status == "exact" and item.paragraph == 6


def test_ids_are_not_those_the_article_already_uses(seed):
    text = annotate_skeleton(seed, "the most ambitious, agile and aggressive", today=TODAY,
                             taken={"the-most-ambitious-agile-and-aggressive",
                                    "the-most-ambitious-agile-and-aggressive-2"})
    assert notes_of(text)[0]["id"] == "the-most-ambitious-agile-and-aggressive-3"


def test_every_occurrence_gets_context_that_makes_it_unique(seed):
    text = annotate_skeleton(seed, "the WHO", today=TODAY)
    notes = notes_of(text)
    assert len(notes) == 10
    assert "# The passage occurs 10 times" in text
    assert len({n["id"] for n in notes}) == 10 and notes[0]["id"] == "the-who" and notes[1]["id"] == "the-who-2"
    anchored, report = anchor([as_note(d, i) for i, d in enumerate(notes)], seed.paragraphs)
    assert report.diagnostics == []
    assert all(a.status == "exact" for a in anchored)
    # ten different places, in the order the skeleton listed them
    places = [(a.paragraph, a.start) for a in sorted(anchored, key=lambda a: int(a.note.id[1:]))]
    assert len(set(places)) == 10
    assert places == sorted(places)
    # no longer than needed: one word less of prefix or suffix is under 32 characters or ambiguous again
    for i, data in enumerate(notes):
        for key, drop in (("prefix", lambda w: w[1:]), ("suffix", lambda w: w[:-1])):
            words = drop(data[key].split())
            if len(" ".join(words)) < 32:
                continue
            shorter = dict(data, **{key: " ".join(words)})
            (item,), report = anchor([as_note(shorter, i)], seed.paragraphs)
            assert item.status == "orphan", (data, key)
            assert "occurs" in report.errors[0].message


def test_typed_passage_is_replaced_by_the_article_text(seed):
    text = annotate_skeleton(seed, "“China  has rolled out perhaps the most ambitious", today=TODAY)
    (data,) = notes_of(text)
    assert data["quote"] == '"China has rolled out perhaps the most ambitious'


def test_one_occurrence_can_be_chosen(seed):
    text = annotate_skeleton(seed, "the WHO", today=TODAY, occurrence=10)
    (data,) = notes_of(text)
    anchored, report = anchor([as_note(data, 0)], seed.paragraphs)
    assert report.diagnostics == [] and anchored[0].paragraph == 22
    with pytest.raises(PassageNotFound, match="occurs 10 time"):
        annotate_skeleton(seed, "the WHO", occurrence=11)


def test_missing_passage_names_the_closest(seed):
    with pytest.raises(PassageNotFound) as exc:
        annotate_skeleton(seed, "China rolled out perhaps the most ambitious, agile and aggresive containment")
    message = str(exc.value)
    assert message.startswith(f"the passage 'China rolled out perhaps the most ambitious, agile and aggresive "
                              f"containment' is not in {SEED} (whitespace, quote and dash styles are ignored); "
                              "the closest passage is in paragraph 6 (")
    assert "ambitious, agile and aggressive disease" in message


def test_passage_across_paragraphs_is_refused(seed):
    with pytest.raises(PassageNotFound, match="runs across paragraphs 2-3"):
        annotate_skeleton(seed, "health crisis. By upholding the vision")
