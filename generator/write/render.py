"""The page templates: Jinja2 with autoescape, HTML out.

Templates are ``generator/templates/*.html.j2``. Every ``{{ value }}`` is
escaped by HTML's rule (markupsafe) after :func:`~.html.clean`; only
:class:`markupsafe.Markup` the generator built itself (links, highlighted
paragraphs, sidenotes) goes in as markup.

A body keeps every element's content free of blank lines and starts each
top-level element on its own line, so a Markdown engine that reads the
``.md`` file without the newsarchive plugin passes it through as HTML.
"""

from __future__ import annotations

from typing import Any

import jinja2
from markupsafe import Markup

from .html import clean


def _finalize(value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, Markup):
        return clean(value)
    return value


ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("generator", "templates"),
    autoescape=True,
    finalize=_finalize,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)


def render(template: str, **context: Any) -> str:
    """The body ``template`` renders with ``context``."""
    return ENV.get_template(template).render(**context)
