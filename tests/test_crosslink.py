"""Cross-links on the TEST FIXTURE archive: link spans, related ranking, suggestions, config."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from test_crosslink_fixture import A1, A2, A3, A4, A5, A6, read_fixture
from generator.crosslink import (RelatedConfig, entity_link_spans, format_suggestions, related,
                                 related_config_from_mkdocs, crosslink_config_from_mkdocs, suggest_entities)
from generator.diagnostics import InputError
from generator.registry import load_registry
from generator.records import Mention


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return read_fixture(tmp_path_factory.mktemp("crosslink"))


def by_id(archive, article_id):
    return next(a for a in archive.articles if a.id == article_id)


# --- links in the text --------------------------------------------------------------------

def linked(archive, article_id):
    article = by_id(archive, article_id)
    spans = entity_link_spans(article, archive.registry)
    return article, [(p, s, e, attrs["href"], article.paragraphs[p - 1][s:e])
                     for p, found in spans.items() for s, e, kind, attrs in found if kind == "link"]


def test_first_mention_of_each_entity_is_linked_once(archive):
    article, links = linked(archive, A2)
    assert [(p, text, href) for p, _, _, href, text in links] == [
        (1, "Alda Brenner", "../entities/alda-brenner/index.html"),
        (1, "Vellan", "../entities/vellan/index.html"),
        (1, "Ostmark", "../entities/ostmark/index.html"),
        (1, "Northland Health Agency", "../entities/northland-health-agency/index.html"),
        (4, "Continentia", "../entities/continentia/index.html"),
    ]
    # later mentions and aliases ("Brenner", "NHA" in paragraph 2) are not linked
    assert not [link for link in links if link[0] == 2]


def test_dateline_is_never_linked(archive):
    article, links = linked(archive, A2)
    dateline = article.dateline.text
    assert dateline == "VELLAN, Ostmark, March 3 (Xinhua)"
    assert article.paragraphs[0].index("Ostmark") < len(dateline)  # the dateline names it first
    ostmark = [link for link in links if link[4] == "Ostmark"]
    assert len(ostmark) == 1 and ostmark[0][1] >= len(dateline)
    for article in archive.articles:
        for p, start, *_ in linked(archive, article.id)[1]:
            assert not (article.dateline and p == 1 and start < len(article.dateline.text))


def test_alias_first_mention_and_spans_sorted(archive):
    _, links = linked(archive, A5)
    assert [(p, text) for p, _, _, _, text in links] == [
        (1, "Ruth Kale"), (1, "Northland Health Agency"), (1, "Ostmark"), (2, "Continentia")]
    article = by_id(archive, A5)
    spans = entity_link_spans(article, archive.registry)
    assert all(s == sorted(s) for s in spans.values())
    assert all(s[3]["title"] for found in spans.values() for s in found)


# --- related articles ---------------------------------------------------------------------

def test_related_exact_order(archive):
    result = related(archive.articles)
    assert set(result) == {a.id for a in archive.articles}
    # same person, agency and city two days apart > same person and city one day apart
    # > the same a year later > the agency only; Continentia alone (A6) is below the threshold
    assert [other for other, _ in result[A1]] == [A2, A3, A4, A5]
    # a year later, the three Brenner articles score the same: ties go by id
    assert [other for other, _ in result[A4]] == [A1, A3, A2]
    assert [other for other, _ in result[A6]] == [A5, A2]


def test_related_scores_symmetric_and_bounded(archive):
    result = related(archive.articles, RelatedConfig(count=2))
    assert all(len(found) <= 2 for found in result.values())
    full = dict((a, dict(found)) for a, found in related(archive.articles).items())
    for a, found in full.items():
        for b, score in found.items():
            assert full[b].get(a) in (score, None)
            assert score >= RelatedConfig().threshold


def test_common_entity_path_gives_the_exact_scores(archive):
    exact = related(archive.articles)
    # every shared entity "common": candidates come from the time window, scores stay exact
    assert related(archive.articles, RelatedConfig(max_postings=1, window=10)) == exact
    # no window: common entities (Continentia, Brenner, Vellan) pair nothing by themselves
    narrow = related(archive.articles, RelatedConfig(max_postings=3, window=0))
    assert narrow[A4] == []
    assert [other for other, _ in narrow[A1]] == [A2, A5]


def test_related_deterministic_whatever_the_input_order(archive):
    assert related(list(reversed(archive.articles))) == related(archive.articles)


# --- suggestions --------------------------------------------------------------------------

def test_suggestions_find_unregistered_names(archive):
    found = {s.name: s for s in suggest_entities(archive)}
    assert found["Harbor Research Institute"].kind == "organisation"
    assert found["Harbor Research Institute"].count == 2
    assert found["Tomas Varga"].kind == "person"
    assert "Alda Brenner" not in found and "Health Minister" not in found
    assert A4 in found["Tomas Varga"].source and "said Tomas Varga" in found["Tomas Varga"].example


def test_formatted_suggestions_paste_into_a_valid_registry(archive, tmp_path):
    text = format_suggestions(suggest_entities(archive))
    assert "# 2 mentions in 1 article" in text
    registry_text = (archive.paths.entities.read_text(encoding="utf-8").rstrip("\n") + "\n" + text)
    path = tmp_path / "entities.yml"
    path.write_text(registry_text, encoding="utf-8")
    registry = load_registry(path)
    assert registry.by_id()["tomas-varga"].kind == "person"
    assert [item["name"] for item in yaml.safe_load(text)] == ["Harbor Research Institute", "Tomas Varga"]


# --- configuration ------------------------------------------------------------------------

def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_config_from_mkdocs(tmp_path):
    path = write(tmp_path, "site_name: x\nmarkdown_extensions:\n  - pymdownx.snippets:\n"
                           "      base_path: [!relative $docs_dir]\n"
                           "extra:\n  newsarchive:\n    related:\n      count: 3\n      person: 4\n"
                           "    pages:\n      page_size: 10\n    notes: {other: stage}\n")
    config = crosslink_config_from_mkdocs(path)
    assert config.related == RelatedConfig(count=3, person=4.0)
    assert config.pages.page_size == 10
    assert related_config_from_mkdocs(path).count == 3


def test_config_unknown_key_names_line_and_suggestion(tmp_path):
    path = write(tmp_path, "extra:\n  newsarchive:\n    related:\n      count: 3\n      persn: 2\n")
    with pytest.raises(InputError) as exc:
        related_config_from_mkdocs(path, "mkdocs.yml")
    assert exc.value.diagnostic.format() == (
        "mkdocs.yml:5: error: unknown key 'persn' in extra.newsarchive.related (did you mean 'person'?)")


def test_config_bad_value(tmp_path):
    path = write(tmp_path, "extra:\n  newsarchive:\n    pages:\n      page_size: 0\n")
    with pytest.raises(InputError) as exc:
        crosslink_config_from_mkdocs(path, "mkdocs.yml")
    assert exc.value.diagnostic.line == 4
    assert "page_size must be a whole number above zero, got 0" in exc.value.diagnostic.message


def test_config_zero_allowed_where_it_means_none(tmp_path):
    path = write(tmp_path, "extra:\n  newsarchive:\n    pages:\n      context: 0\n      highlights: 0\n")
    assert crosslink_config_from_mkdocs(path).pages.context == 0
    bad = write(tmp_path, "extra:\n  newsarchive:\n    pages:\n      context: -1\n")
    with pytest.raises(InputError) as exc:
        crosslink_config_from_mkdocs(bad, "mkdocs.yml")
    assert exc.value.diagnostic.format().startswith(
        "mkdocs.yml:4: error: extra.newsarchive.pages.context must be a whole number of zero or more, got -1")


def test_config_defaults_without_section(tmp_path, root):
    assert related_config_from_mkdocs(write(tmp_path, "site_name: x\n")) == RelatedConfig()
    assert related_config_from_mkdocs(tmp_path / "missing.yml") == RelatedConfig()
    assert related_config_from_mkdocs(root / "mkdocs.yml") == RelatedConfig()


def test_a_detected_name_inside_another_is_not_a_mention_there():
    """"Minister" inside "Prime Minister" (both detected, neither registered) and inside a
    registered name: only the longest, leftmost name there is a mention; a later "Minister"
    on its own still is. (At 4,000 synthetic articles the overlap stopped the build.)"""
    from dataclasses import replace
    from generator.registry import Entity, Registry
    from test_write import fixture_article
    text = "TESTVILLE, Jan. 2 (TEST FIXTURE) -- Prime Minister Ada Lund met the Health Minister."
    later = "The Minister spoke."
    article = replace(
        fixture_article(paragraphs=(text, later)),
        people=(Mention("Minister", ("Minister",), (1, 2), id="minister", reviewed=False),
                Mention("Prime Minister", ("Prime Minister",), (1,), id="prime-minister", reviewed=False)),
        organisations=(Mention("Health Minister", ("Health Minister",), (1,), id="health-minister"),))
    registry = Registry((Entity("health-minister", "Health Minister", "organisation"),))
    spans = entity_link_spans(article, registry)
    got = [(p, article.paragraphs[p - 1][s:e], attrs["href"]) for p, found in spans.items()
           for s, e, _kind, attrs in found]
    assert got == [(1, "Prime Minister", "../entities/prime-minister/index.html"),
                   (1, "Health Minister", "../entities/health-minister/index.html"),
                   (2, "Minister", "../entities/minister/index.html")]
    from generator.write.compose import render_page
    render_page(article, [], [], None, registry, None)  # renders (overlapping links raise)
