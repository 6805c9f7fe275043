"""Maintainer corrections in <name>.meta.yml: values win; unknown keys name the closest valid key."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diagnostics import Report
from generator.pipeline import Paths, read_archive

SEED_ID = "2020-05-17-what-china-has-done-to-boost-intl-cooperation-against-covid-19"


def _read(archive: Path, sidecar: str):
    (archive / f"site-data/raw/{SEED_ID}.meta.yml").write_text(sidecar, encoding="utf-8")
    report = Report()
    result = read_archive(Paths(archive), report)
    return result.articles, report


def test_values_win(archive: Path):
    articles, report = _read(archive, "title: A corrected headline\nbyline: Jane Doe\neditors: [Zhao Tong]\n")
    assert not report.diagnostics
    (article,) = articles
    assert (article.title, article.byline, article.editors) == ("A corrected headline", ("Jane Doe",), ("Zhao Tong",))
    assert article.corrected == ("title", "editors", "byline")
    assert article.to_data()["corrected"] == ["title", "editors", "byline"]


def test_derived_fields_are_replaced(archive: Path):
    sidecar = ("key_figures:\n  - {text: '2,561 deaths', value: 2561, unit: deaths, counts: deaths, paragraph: 13}\n"
               "places: []\n")
    (article,), report = _read(archive, sidecar)
    assert not report.diagnostics
    assert [f.text for f in article.key_figures] == ["2,561 deaths"]
    assert article.places == ()
    assert article.people  # untouched fields keep what extraction found


def test_unquoted_yaml_timestamp_is_accepted(archive: Path):
    (article,), report = _read(archive, "published: 2020-05-17T16:00:00+08:00\n")
    assert article.published == "2020-05-17T16:00:00+08:00"


@pytest.mark.parametrize("sidecar, message", [
    ("titel: x\n", "1: error: unknown key 'titel' (did you mean 'title'?)"),
    ("\nkey_figure: []\n", "2: error: unknown key 'key_figure' (did you mean 'key_figures'?)"),
    ("published: last Tuesday\n", "1: error: published: 'last Tuesday' is not an ISO 8601 date and time"),
    ("editors: Zhao Tong\n", "1: error: editors: 'Zhao Tong' is not a list of text"),
    ("key_figures:\n  - {txt: x}\n", "2: error: key_figures[1]: unknown key 'txt' (did you mean 'text'?)"),
    ("title: [unclosed\n", "1: error: YAML syntax error, column 8: a list opened with '[' starts here"),
    ("- just\n- a list\n", "1: error: a sidecar must be a mapping of field: value"),
])
def test_errors_name_file_line_key_and_fix(archive: Path, sidecar: str, message: str):
    articles, report = _read(archive, sidecar)
    assert articles == []  # the article is not built from a bad sidecar
    (error,) = report.errors
    assert error.format().startswith(f"site-data/raw/{SEED_ID}.meta.yml:{message}"), error.format()
