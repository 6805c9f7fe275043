"""``newsarchive pack``: a deterministic zip of the built site (generator/pack.py)."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.diagnostics import InputError
from generator.pack import pack_site


def make_site(root: Path) -> Path:
    site = root / "site"
    files = {
        "index.html": "<html>home</html>",
        "b/index.html": "<html>b</html>",
        "a/deep/page/index.html": "<html>deep</html>",
        "search-offline/meta.js": "newsarchiveSearch({});\n",
        "search-offline/terms/li.js": "newsarchiveSearch({});\n",
    }
    for rel, text in files.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text)
    return site


def test_zip_holds_every_file_under_one_folder_sorted_with_fixed_stamps(tmp_path):
    site = make_site(tmp_path)
    result = pack_site(site, tmp_path / "out" / "archive.zip")
    assert result.files == 5 and result.folder == "archive"
    with zipfile.ZipFile(result.out) as zf:
        names = zf.namelist()
        assert names == sorted(names)
        assert {n for n in names if not n.endswith("/")} == {
            "archive/index.html", "archive/b/index.html", "archive/a/deep/page/index.html",
            "archive/search-offline/meta.js", "archive/search-offline/terms/li.js"}
        assert "archive/a/deep/" in names  # directories are entries too (unzip tools make them)
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert zf.read("archive/a/deep/page/index.html") == b"<html>deep</html>"
        assert all((i.external_attr >> 16) & 0o777 in (0o644, 0o755) for i in zf.infolist())


def test_same_site_same_bytes_whatever_the_file_times(tmp_path):
    site = make_site(tmp_path)
    first = pack_site(site, tmp_path / "one.zip", folder="site").out.read_bytes()
    for path in site.rglob("*"):
        os.utime(path, (1_700_000_000, 1_700_000_000))
    second = pack_site(site, tmp_path / "two.zip", folder="site").out.read_bytes()
    assert first == second
    (site / "b" / "index.html").write_text("<html>changed</html>")
    assert pack_site(site, tmp_path / "three.zip", folder="site").out.read_bytes() != first


def test_a_zip_inside_the_site_is_not_packed_into_itself(tmp_path):
    site = make_site(tmp_path)
    result = pack_site(site, site / "site.zip")
    again = pack_site(site, site / "site.zip")
    with zipfile.ZipFile(again.out) as zf:
        assert not any(n.endswith(".zip") for n in zf.namelist())
    assert result.files == again.files == 5


def test_no_built_site_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="newsarchive build"):
        pack_site(tmp_path / "site", tmp_path / "site.zip")
    site = make_site(tmp_path)
    (site / "search-offline" / "meta.js").unlink()
    with pytest.raises(InputError, match="offline search index"):
        pack_site(site, tmp_path / "site.zip")


def test_cli_pack_writes_site_zip(tmp_path):
    make_site(tmp_path)
    result = CliRunner().invoke(main, ["--root", str(tmp_path), "pack"])
    assert result.exit_code == 0, result.output
    assert "site/index.html" in result.output
    with zipfile.ZipFile(tmp_path / "site.zip") as zf:
        assert "site/index.html" in zf.namelist()
    out = tmp_path / "elsewhere" / "copy.zip"
    assert CliRunner().invoke(main, ["--root", str(tmp_path), "pack", "--out", str(out)]).exit_code == 0
    assert out.read_bytes() != b"" and zipfile.ZipFile(out).namelist()[0] == "copy/"


def test_cli_pack_without_site_fails_with_the_fix(tmp_path):
    result = CliRunner().invoke(main, ["--root", str(tmp_path), "pack"])
    assert result.exit_code == 1
    assert "run `newsarchive build` first" in result.output
