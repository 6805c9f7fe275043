"""Hostile and malformed raw files against the readers (TEST FIXTURE inputs,
generated in the tests: none of this is real news).

Whatever the bytes, ``generator.readers.load`` and each reader's ``read``
either return a RawArticle or raise one clear ``InputError``: one line,
naming the file. Property-based (hypothesis) over text made of the formats'
own building blocks (date lines, source lines, SGML tags, HTML) mixed with
arbitrary text, and over arbitrary bytes.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from generator.diagnostics import InputError
from generator.readers import READERS, decode, load
from generator.records import RawArticle

REL = "site-data/raw/fixture file.txt"

#: lines that make a reader claim the file, with impossible values mixed in
LINES = (
    "TEST FIXTURE - not real news",
    "Apple News Facebook Twitter Instagram YouTube Sunday, May 17, 2020",
    "(Xinhua)\xa0\xa0\xa0\xa015:51, May 17, 2020",
    "(Xinhua) 99:99, Foo 40, 2020",
    "(Xinhua)\xa015:51, February 30, 2020",
    "By A Writer (People's Daily Online) 25:00, May 17, 2020",
    "BEIJING, May 17 (Xinhua) -- a first paragraph.",
    "MOSCOW, Feb. 30 (Xinhua) -- impossible dateline day.",
    "(For the latest China news, Please follow People's Daily on Twitter and Facebook)(Web editor: A, B)",
    "(Web editor: )",
    "Source: Xinhua| 2020-08-17 22:11:14|Editor: huaxia",
    "Source: Xinhua | 2020-13-45 25:61",
    "By A/B in Shanghai | China Daily | Updated: 2025-02-30 06:55",
    "By A | China Daily | Updated: 2025-02-27 99:99",
    "Passengers board a train. [Photo/Xinhua]",
    "Contact the writers at nobody@example.org",
    "Enditem", "[Editor: Li Yan]", "Copyright 2020 XINHUANET",
    "<DOC>", "</DOC>", "<DOCNO> XIE20000817.0001 </DOCNO>", "<DOCTYPE> NEWS STORY </DOCTYPE>",
    "<DATE_TIME> 2000-08-17 06:45 </DATE_TIME>", "<DATE_TIME> 2000-02-30 99:99 </DATE_TIME>",
    "<DATE>991399</DATE>", "<HEADLINE> a headline (2) </HEADLINE>", "<TEXT>", "</TEXT>", "<P> text </P>",
    "<TRAILER> NYT-06-01-98 0001EDT &QL; </TRAILER>", "(MORE)", "&HT; &QL;",
    "<html><body>", "<p>a paragraph</p>", "</body></html>", "<!doctype html>",
    "<meta property='article:published_time' content='2020-99-99T00:00'>",
    '<script type="application/ld+json">{"datePublished": "2020-02-30T10:00"}</script>',
    "ETHETE, Wyo. _ text", "BEIJING -- text", "", "", "\u202e\u200b\u2028\x0b\x0c\x85",
)
texts = st.lists(st.one_of(st.sampled_from(LINES), st.text(max_size=40)), max_size=30).map("\n".join)
readers = st.sampled_from([None] + [r.name for r in READERS])
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_clear(error: InputError, rel: str = REL) -> None:
    message = str(error)
    assert "\n" not in message and "\r" not in message, message
    assert message.startswith(rel + ":"), message
    assert error.diagnostic.file == rel


def check_load(tmp_path, data: bytes, forced: str | None) -> RawArticle | None:
    path = tmp_path / "fixture file.txt"
    path.write_bytes(data)
    try:
        article = load(path, REL, forced)
    except InputError as error:
        assert_clear(error)
        return None
    assert isinstance(article, RawArticle)
    assert article.path == REL
    assert all(isinstance(p, str) and p for p in article.paragraphs)
    return article


@PROPERTY
@given(text=texts, forced=readers)
def test_load_format_like_text(tmp_path_factory, text, forced):
    check_load(tmp_path_factory.mktemp("raw"), text.encode("utf-8", "surrogatepass"), forced)


@PROPERTY
@given(data=st.binary(max_size=400), forced=readers)
def test_load_arbitrary_bytes(tmp_path_factory, data, forced):
    check_load(tmp_path_factory.mktemp("raw"), data, forced)


@PROPERTY
@given(text=texts)
def test_every_reader_read(text):
    for reader in READERS:
        try:
            reader.read(REL, text, "0" * 64)
        except InputError as error:
            assert_clear(error)
        assert 0.0 <= reader.sniff(text) <= 1.0


@pytest.mark.parametrize("line", [
    "(Xinhua)\xa0\xa0\xa0\xa015:51, February 30, 2020",   # no such day
    "(Xinhua)\xa0\xa0\xa0\xa099:99, May 17, 2020",        # no such time
    "(Xinhua)\xa0\xa0\xa0\xa015:51, Foo 17, 2020",        # no such month
])
def test_peoplesdaily_impossible_date_is_left_to_the_sidecar(line):
    text = f"Apple News Facebook Twitter Sunday, May 17, 2020\nTEST FIXTURE headline\n{line}\n" \
           "BEIJING, May 17 (Xinhua) -- TEST FIXTURE paragraph.\n(Web editor: Test Fixture)\n"
    article = READERS[0].read(REL, text, "0" * 64)
    assert article.reader == "peoplesdaily"
    assert article.published is None  # the extract stage then asks for 'published:' in the sidecar
    assert article.agency == "Xinhua"  # the line is still read as the source line, not as text
    assert article.paragraphs == ("BEIJING, May 17 (Xinhua) -- TEST FIXTURE paragraph.",)


@pytest.mark.parametrize("reader, line", [
    ("chinadaily", "By TEST FIXTURE | China Daily | Updated: 2025-02-30 06:55"),
    ("chinadaily", "By TEST FIXTURE | China Daily | Updated: 2025-02-27 24:61"),
    ("xinhuanet", "Source: Xinhua| 2020-13-45 22:11:14|Editor: huaxia"),
    ("xinhuanet", "Source: Xinhua| 2020-08-17 25:61:14|Editor: huaxia"),
])
def test_impossible_date_line_is_left_to_the_sidecar(reader, line):
    text = f"TEST FIXTURE headline\n{line}\nBEIJING -- TEST FIXTURE paragraph one.\nParagraph two.\n"
    article = next(r for r in READERS if r.name == reader).read(REL, text, "0" * 64)
    assert article.published is None
    assert article.title == "TEST FIXTURE headline"
    assert article.paragraphs[0] == "BEIJING -- TEST FIXTURE paragraph one."


def test_decode_control_and_bidi_characters_kept():
    # no NUL: text; bidi and zero-width characters are the article's own, kept for the writer to show
    assert decode("a\u202eb\u200bc\x0b".encode(), REL) == "a\u202eb\u200bc\x0b"


def _read_seconds(reader_name: str, text: str) -> float:
    import time
    reader = next(r for r in READERS if r.name == reader_name)
    start = time.perf_counter()
    try:
        reader.read(REL, text, "0" * 64)
    except InputError as error:
        assert_clear(error)
    return time.perf_counter() - start


def test_social_line_does_not_backtrack_exponentially():
    # 2 ** 40 ways to split "Apple News" repeated, before the fix
    line = "Apple News " * 40 + "TEST FIXTURE"
    assert _read_seconds("peoplesdaily", f"{line}\n(Xinhua) 15:51, May 17, 2020\nTEST FIXTURE text.\n") < 1


def test_breadcrumb_does_not_backtrack_exponentially():
    line = "Home" + " / A" * 40 + " /"
    assert _read_seconds("chinadaily", f"{line}\nTEST FIXTURE headline\nTEST FIXTURE text.\n") < 1
