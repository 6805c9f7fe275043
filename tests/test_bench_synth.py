"""bench/synth.py: the synthetic benchmark archive is deterministic, well-formed and clearly fake."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SYNTH = ROOT / "bench" / "synth.py"
SEED_ARTICLE = next((ROOT / "site-data" / "raw").glob("2020-05-17-*.txt"))
N = 50
ANNOTATED = 0.2
NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*\.txt$")
NBSP = "\u00a0"


def synth(out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SYNTH), "--out", str(out), *args],
                          capture_output=True, text=True, timeout=120)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def split_page(text: str) -> tuple[list[str], list[str], str]:
    """(header lines, body paragraphs, footer) of a page in the seed's format."""
    blocks = re.split(r"\n\n+", text)
    footer_at = next(i for i, b in enumerate(blocks) if b.startswith("(For the latest China news"))
    return blocks[:3], blocks[3:footer_at], "\n\n".join(blocks[footer_at:])


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "a"
    result = synth(out, "--n", str(N), "--seed", "1", "--annotated", str(ANNOTATED))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def articles(archive: Path) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted((archive / "raw").glob("*.txt"))}


def test_same_seed_gives_byte_identical_output(archive: Path, tmp_path: Path) -> None:
    again = synth(tmp_path / "b", "--n", str(N), "--seed", "1", "--annotated", str(ANNOTATED))
    assert again.returncode == 0, again.stderr
    first, second = tree(archive), tree(tmp_path / "b")
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_another_seed_gives_another_archive(archive: Path, tmp_path: Path) -> None:
    other = synth(tmp_path / "c", "--n", str(N), "--seed", "2", "--annotated", str(ANNOTATED))
    assert other.returncode == 0, other.stderr
    names = lambda root: [p.name for p in sorted((root / "raw").iterdir())]  # noqa: E731
    assert names(tmp_path / "c") != names(archive)


def test_counts_and_manifest(archive: Path) -> None:
    raw = sorted((archive / "raw").iterdir())
    notes = sorted((archive / "annotations").iterdir())
    assert len(raw) == N
    assert len(notes) == round(N * ANNOTATED)
    manifest = json.loads((archive / "synth-manifest.json").read_text(encoding="utf-8"))
    assert manifest["n"] == N and manifest["seed"] == 1
    listed = manifest["files"]
    assert len(listed) == len(set(listed))
    assert sorted(listed) == sorted([p.relative_to(archive).as_posix() for p in raw + notes] + ["entities.yml"])


def test_names_are_canonical_unique_and_match_the_page_date(articles: dict[str, str]) -> None:
    assert len(articles) == N  # a clash would have overwritten a file
    years = Counter()
    for stem, text in articles.items():
        match = NAME.match(stem + ".txt")
        assert match, stem
        day = dt.date.fromisoformat(match.group(1))
        years[day.year] += 1
        first_line = text.split("\n", 1)[0]
        assert first_line.endswith(f"{day:%A}, {day:%B} {day.day}, {day.year}"), stem
    assert min(years) >= 2015 and max(years) <= 2024 and len(years) >= 5


def test_pages_have_the_seed_layout(articles: dict[str, str]) -> None:
    seed_header, seed_body, seed_footer = split_page(SEED_ARTICLE.read_text(encoding="utf-8"))
    social = seed_header[0].rsplit(" ", 4)[0]  # the links before "Sunday, May 17, 2020"
    source_prefix = seed_header[2][: seed_header[2].index("15:51")]  # "(Xinhua)" and the no-break spaces
    seed_chrome = seed_footer.split("\n\n", 1)[1]
    for stem, text in articles.items():
        header, body, footer = split_page(text)
        assert header[0].startswith(social + " "), stem
        assert re.fullmatch(re.escape(source_prefix) + r"\d{2}:\d{2}, [A-Z][a-z]+ \d{1,2}, \d{4}", header[2]), stem
        assert 10 <= len(body) <= 20, stem
        assert 450 <= sum(len(p.split()) for p in body) <= 800, stem
        assert re.match(r"^[A-Z][A-Z .'-]+, [A-Z][a-z]+\.? \d{1,2} \(Xinhua\) -- ", body[0]), stem
        assert all("\n" not in p for p in body), stem
        assert re.fullmatch(r"\(For the latest China news, [^()]*\)\(Web editor: [^()]+\)", footer.split("\n\n")[0])
        assert footer.split("\n\n", 1)[1] == seed_chrome, stem
        assert not text.endswith("\n")


def test_text_is_marked_synthetic_and_has_news_features(articles: dict[str, str]) -> None:
    for stem, text in articles.items():
        header, body, _ = split_page(text)
        assert header[1].startswith("[SYNTHETIC] "), stem
        assert "synthetic benchmark text, not real news" in body[0], stem
        joined = "\n".join(body)
        assert re.search(r"\b\d{1,3}(?:,\d{3})+ [a-z]", joined), stem  # "1,234 vaccination centres"
        assert re.search(r"\b\d+(?:\.\d)? (?:million|billion) [A-Za-z.]+", joined), stem  # "50 million U.S. dollars"
        assert re.search(r"\b(?:more than|over|some|nearly|about|at least|almost) \d", joined), stem
        assert re.search(r'," said [A-Z]', joined), stem  # direct quote with attribution
        assert re.search(r"\b(?:on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
                         r"|[A-Z][a-z]{2,4}\.? \d{1,2}\b|in (?:early|mid-|late))", joined), stem


def test_every_annotation_quote_occurs_verbatim_once(archive: Path, articles: dict[str, str]) -> None:
    files = sorted((archive / "annotations").glob("*.yml"))
    assert files
    for path in files:
        assert path.stem in articles, path.name
        _, body, _ = split_page(articles[path.stem])
        notes = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(notes, list) and notes, path.name
        for note in notes:
            quote = note["quote"]
            assert 4 <= len(quote.split()) <= 12, quote
            assert sum(p.count(quote) for p in body) == 1, (path.name, quote)
            assert note["kind"] in {"context", "fact-check", "correction", "source", "definition"}
            assert ("verdict" in note) == (note["kind"] == "fact-check")
            if "verdict" in note:
                assert note["verdict"] in {"accurate", "misleading", "false", "unverified"}
            assert note["body"].strip() and note["author"]
            assert isinstance(note["added"], dt.date)
            assert note["sources"] and all(s["url"].startswith("https://example.org/") and s["title"]
                                           for s in note["sources"])


def test_entity_registry_is_consistent_and_overlaps_across_articles(
        archive: Path, articles: dict[str, str]) -> None:
    registry = yaml.safe_load((archive / "entities.yml").read_text(encoding="utf-8"))
    entities = registry["entities"]
    kinds = Counter(e["kind"] for e in entities)
    assert kinds["person"] >= 250 and kinds["organisation"] >= 120 and kinds["place"] >= 120
    assert len({e["id"] for e in entities}) == len(entities)
    surface = [e["name"].lower() for e in entities] + [a.lower() for e in entities for a in e["aliases"]]
    assert len(set(surface)) == len(surface), "names and aliases must not clash"
    assert all("ynthetic" in e["description"] for e in entities)
    people = [e["name"] for e in entities if e["kind"] == "person"]
    mentions = Counter(name for text in articles.values() for name in people if name in text)
    assert sum(1 for stem, text in articles.items() if not any(n in text for n in people)) == 0
    assert mentions.most_common(1)[0][1] >= 3  # popular people recur: entity pages have several articles


def test_refuses_a_directory_it_did_not_write(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("keep me", encoding="utf-8")
    result = synth(tmp_path, "--n", "3")
    assert result.returncode != 0
    assert "not written by bench/synth.py" in result.stderr
    assert (tmp_path / "mine.txt").read_text(encoding="utf-8") == "keep me"


def test_rerun_replaces_its_own_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert synth(out, "--n", "20", "--annotated", "0.5").returncode == 0
    assert synth(out, "--n", "5", "--annotated", "0").returncode == 0
    assert len(list((out / "raw").iterdir())) == 5
    assert list((out / "annotations").iterdir()) == []
