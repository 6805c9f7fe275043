"""Entity detection without a registry (generator.extract.detect): cues, kinds, short forms, ids.

Every sentence here is a TEST FIXTURE with invented names, not real news."""

from __future__ import annotations

import time

import pytest

from generator.extract import extract
from generator.extract.detect import detect, entity_id, normalise
from generator.extract.entities import Matcher
from generator.records import RawArticle
from generator.registry import EMPTY, Entity, Registry


def found(*paragraphs: str, registry: Registry = EMPTY) -> dict[str, set[str]]:
    """kind -> names detection finds (and the registry, when given)."""
    raw = RawArticle("raw/fixture.txt", "0" * 64, "plaintext", "TEST FIXTURE: detection",
                     "2024-01-02T10:00:00+00:00", paragraphs=tuple(paragraphs))
    article = extract(raw, Matcher(registry))
    return {"person": {m.name for m in article.people}, "organisation": {m.name for m in article.organisations},
            "place": {m.name for m in article.places}}


@pytest.mark.parametrize("sentence, person", [
    ("Health Minister Lena Ostrova opened the clinic.", "Lena Ostrova"),
    ("Rwandan Minister of Trade Claudine Uwase spoke first.", "Claudine Uwase"),
    ("The plan was praised by spokesperson Li Mingyu on Tuesday.", "Li Mingyu"),
    ("The clinic will open in May, said Tomas Varga.", "Tomas Varga"),
    ("Tomas Varga said the clinic would open in May.", "Tomas Varga"),
    ("Marta Kowalczyk, a nurse at the clinic, welcomed the news.", "Marta Kowalczyk"),
    ("Ingrid Solberg, who chairs the board, voted against.", "Ingrid Solberg"),
    ("Dr. Tang Yuxi led the team.", "Tang Yuxi"),
    ("Professor Yang Deming of Northwest University found the pieces.", "Yang Deming"),
    ("\u201cWe wanted it here,\u201d said Wang Jun, the architect.", "Wang Jun"),  # "Jun" is a name, not June
])
def test_people_from_titles_roles_speech_and_appositions(sentence: str, person: str):
    assert found(sentence)["person"] == {person}


@pytest.mark.parametrize("sentence, organisation", [
    ("The Vellan Water Board raised its prices.", "Vellan Water Board"),
    ("Officials from the Ministry of Coastal Affairs arrived.", "Ministry of Coastal Affairs"),
    ("The Socialist Party of Ostmark won the vote.", "Socialist Party of Ostmark"),
    ("Donors gave to the Global Harbour Watch (GHW) last year. The GHW thanked them.", "Global Harbour Watch"),
    ("Shares of Nordvind Energy rose.", "Nordvind Energy"),
    ("The striker joined Wuhan Riverside FC in March.", "Wuhan Riverside FC"),
    ("The Vellan Harbour Committee on Jan. 22 ordered a halt.", "Vellan Harbour Committee"),
])
def test_organisations_from_head_words_and_defined_acronyms(sentence: str, organisation: str):
    assert found(sentence)["organisation"] == {organisation}


@pytest.mark.parametrize("sentence, places", [
    ("The delegation flew from Geneva to Nairobi.", {"Geneva", "Nairobi"}),
    ("Rain fell across Vellan County on Monday.", {"Vellan County"}),
    ("A bridge opened in the towns of Eastbank and Westford.", {"Eastbank", "Westford"}),
    ("Farmers in Guizhou and Yunnan provinces planted early.", {"Guizhou", "Yunnan"}),
    ("The ship sailed up the Yangtze River past Wuhan.", {"Yangtze River", "Wuhan"}),
    ("Prices rose in URUMQI and Ürümqi alike.", {"Urumqi"}),  # one place: the same normalised name
])
def test_places_from_the_gazetteer_and_place_words(sentence: str, places: set[str]):
    assert found(sentence)["place"] == places


def test_one_run_of_capitals_holds_several_names():
    names = found("Lena Ostrova of Vellan University met China's National Health Commission and "
                  "the Harbour Board and the Port Authority in Geneva.")
    assert names == {"person": {"Lena Ostrova"},
                     "organisation": {"Vellan University", "National Health Commission", "Harbour Board",
                                      "Port Authority"},
                     "place": {"China", "Geneva"}}


def test_a_surname_alone_is_the_person_named_in_full_and_wins_over_a_place_of_that_name():
    article_names = found("Coach Rafael Moura Lima arrived on Monday.", "Lima told reporters he was happy.",
                          "Lima scored twice in Lima.")
    assert article_names["person"] == {"Rafael Moura Lima"}
    assert article_names["place"] == {"Lima"}  # "in Lima": the city


@pytest.mark.parametrize("sentence", [
    "Officials said the road would reopen.",  # a sentence's first word alone
    "The panda, named Yuanyuan, was born here.",  # no cue
    "Police said on Monday that the Internet was down in March.",
    "After the Extraordinary Summit, they left.",
    "We told Reuters nothing.",  # an agency, never a person
])
def test_words_that_are_not_people(sentence: str):
    assert found(sentence)["person"] == set()


def test_the_registry_wins_where_it_matches():
    registry = Registry((Entity("lena-ostrova", "Lena Ostrova", "person", ("Ostrova",)),
                         Entity("vellan-board", "Vellan Water Board", "organisation", ("the Board",))))
    raw = RawArticle("raw/fixture.txt", "0" * 64, "plaintext", "TEST FIXTURE", "2024-01-02T10:00:00+00:00",
                     paragraphs=("Health Minister Lena Ostrova met Tomas Varga, a farmer.",
                                 "Ostrova said the Vellan Water Board would pay."))
    article = extract(raw, Matcher(registry))
    people = {m.name: m for m in article.people}
    assert (people["Lena Ostrova"].id, people["Lena Ostrova"].reviewed) == ("lena-ostrova", True)
    assert people["Lena Ostrova"].forms == ("Lena Ostrova", "Ostrova")
    assert (people["Tomas Varga"].id, people["Tomas Varga"].reviewed) == ("tomas-varga", False)
    assert [(m.id, m.reviewed) for m in article.organisations] == [("vellan-board", True)]
    assert people["Tomas Varga"].to_data()["reviewed"] is False
    assert "reviewed" not in people["Lena Ostrova"].to_data()


def test_ids_come_from_the_normalised_name_and_keep_clear_of_registry_ids():
    assert normalise("The Vellan Water Board’s") == normalise("vellan water board") == "vellan water board"
    assert entity_id("Maria van Kerkhove") == entity_id("Maria Van Kerkhove") == "maria-van-kerkhove"
    assert entity_id("U.S. Army") == entity_id("US Army") == "us-army"
    hits = detect(("Health Minister Lena Ostrova spoke.",), {}, taken_ids={"lena-ostrova"})
    assert [h.entity.id for h in hits] == ["lena-ostrova-person"]


def test_datelines_name_their_places_and_not_their_agency():
    raw = RawArticle("raw/fixture.txt", "0" * 64, "plaintext", "TEST FIXTURE", "2024-01-02T10:00:00+00:00",
                     paragraphs=("WUHAN, Jan. 2 (Xinhua) -- A bridge opened.",))
    article = extract(raw, Matcher(EMPTY))
    assert [m.name for m in article.places] == ["Wuhan"] and article.organisations == ()


@pytest.mark.parametrize("text", [
    "Minister Tomas Varga of the Vellan Water Board said " * 4000,
    "A" * 100_000,
    "A B " * 25_000,
    "said " * 20_000 + "Tomas Varga",
    ("The Vellan Water Board (VWB) and " * 3000) + "the VWB.",
    "Lena of the " * 8000 + "Board",
    ("“" + "Tomas Varga said, " * 50 + "”") * 100,
])
def test_detection_is_linear_on_hostile_text(text: str):
    """About 100 KB of repeated names, capitals, joiners and speech verbs: well under a second of CPU
    (the bound is generous; quadratic work on 100 KB would take minutes)."""
    start = time.process_time()
    detect((text,), {})
    assert time.process_time() - start < 2.0
