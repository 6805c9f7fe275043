"""The comparison sites of bench/run.py: the same articles built by plain mkdocs-material.

Two, from the article pages our generator wrote (its front matter dropped):

- ``same``: each article page's body as the Markdown a plain Material site
  would hold for that page: the headline, the "Key figures" admonition, every
  paragraph with its entity links (``[name](href "title")``), note highlights
  and markers (inline HTML) and ``{: #pN }`` anchor, the sidenotes as raw HTML
  blocks, and "Related coverage". This is the Markdown newsarchive itself
  wrote before it rendered HTML (issue 13's "plain Material on the same
  articles"), links to pages written to their ``.md`` files as a Markdown
  site writes them, so the ratios compare with the figures measured then.
- ``bare``: each article's headline and paragraphs as plain Markdown text, nothing else.

Pages of code from before the HTML bodies (``--ref``) are Markdown already:
both sites then take their body as it is (front matter off).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import lxml.html
import yaml

PLAIN_MKDOCS = """\
# Comparison build (bench/run.py, bench/plain.py): the same articles, plain Material.
site_name: plain
docs_dir: docs
use_directory_urls: false
theme:
  name: material
  font: false
plugins: []
nav:
  - Home: index.md
markdown_extensions:
  - toc:
      permalink: true
  - attr_list
  - md_in_html
  - admonition
validation:
  nav: {omitted_files: ignore, not_found: ignore, absolute_links: ignore}
  links: {not_found: ignore, anchors: ignore, absolute_links: ignore, unrecognized_links: ignore}
"""
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_TITLE = re.compile(r"^title: (.*)$", re.M)
_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\`*_{}[]<>#|!"})
_ATTRIBUTE = str.maketrans({'"': "&quot;", "(": "&#40;", ")": "&#41;"})


_SPACE = re.compile(r"\s+")


def _text(value: str) -> str:
    """Text as Markdown that shows it: white space runs as one space, special characters escaped."""
    return _SPACE.sub(" ", value).translate(_MARKDOWN)


_PAGE_LINK = re.compile(r"^(?![a-z][a-z0-9+.-]*:)([^#]*)\.html(#.*)?$")


def _md_link(href: str) -> str:
    """A link to one of the site's pages as a Markdown site writes it: to the page's ``.md`` file."""
    return _PAGE_LINK.sub(lambda m: f"{m.group(1)}.md{m.group(2) or ''}", href)


def _inline(element) -> str:
    """An element's content as Markdown: links as Markdown links, other elements
    (highlights, markers) as inline HTML around Markdown, as the generator wrote them."""
    out = [_text(element.text or "")]
    for child in element:
        if child.tag == "a" and child.get("href") and not len(child):
            title = child.get("title")
            suffix = f' "{title.translate(_ATTRIBUTE)}"' if title else ""
            out.append(f"[{_text(child.text_content())}]({_md_link(child.get('href'))}{suffix})")
        else:
            attrs = "".join(f' {k}="{v}"' if v else f" {k}" for k, v in child.attrib.items())
            out.append(f"<{child.tag}{attrs}>{_inline(child)}</{child.tag}>")
        out.append(_text(child.tail or ""))
    return "".join(out).strip()


def same_markdown(page: str) -> str:
    """An article page of ours as the Markdown of the same page (see the module's docstring)."""
    head = FRONT_MATTER.match(page)
    body = page[head.end():] if head else page
    if not body.lstrip().startswith("<h1"):
        return body
    root = lxml.html.fragment_fromstring(body, create_parent="div")
    lines: list[str] = []
    for element in root:
        classes = element.get("class") or ""
        if element.tag == "h1":
            element.find("a").drop_tree()  # the permalink: the toc extension adds its own
            lines += [f"# {_inline(element)}", ""]
        elif "na-key-figures" in classes:
            lines += ['!!! abstract na-key-figures "Key figures"', ""]
            lines += [f"    - {_inline(li)}" for li in element.iter("li")] + [""]
        elif element.tag == "p" and (element.get("id") or "").startswith("p"):
            lines += [_inline(element), f"{{: #{element.get('id')} }}", ""]
        elif "na-related" in classes:
            lines += ["## Related coverage {: #related }", ""]
            lines += [f"- {_inline(li)}" for li in element.iter("li")] + [""]
        else:  # sidenotes, the orphans section: raw HTML blocks, as the generator wrote them
            lines += [lxml.html.tostring(element, encoding="unicode", with_tail=False), ""]
    return "\n".join(lines)


def bare_markdown(page: str) -> str:
    """An article page of ours as its headline and paragraphs in plain Markdown."""
    head = FRONT_MATTER.match(page)
    body = page[head.end():] if head else page
    if not body.lstrip().startswith("<h1"):
        return body
    title = _TITLE.search(head.group(0) if head else "")
    lines = [f"# {_text(str(yaml.safe_load(title.group(1))) if title else '')}", ""]
    root = lxml.html.fragment_fromstring(body, create_parent="div")
    for p in root.iter("p"):
        if (p.get("id") or "").startswith("p"):
            lines += [_text(p.text_content()).strip(), ""]
    return "\n".join(lines)


def plain_root(root: Path, plain: Path, kind: str) -> int:
    """The generated articles of ``root``, as ``kind`` ("same" or "bare") Markdown, in a minimal Material project."""
    convert = {"same": same_markdown, "bare": bare_markdown}[kind]
    shutil.rmtree(plain, ignore_errors=True)
    docs = plain / "docs" / "articles"
    docs.mkdir(parents=True)
    (plain / "mkdocs.yml").write_text(PLAIN_MKDOCS, encoding="utf-8")
    (plain / "docs" / "index.md").write_text("# Plain Material\n", encoding="utf-8")
    count = 0
    for page in sorted((root / "content" / "articles").glob("*.md")):
        (docs / page.name).write_text(convert(page.read_text(encoding="utf-8")), encoding="utf-8")
        count += 1
    return count
