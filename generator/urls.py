"""Addresses taken from untrusted input: only absolute http(s) URLs pass.

An article's original ``url`` comes from the saved page itself (its canonical
link, ``og:url``) or from a maintainer's sidecar; either way it ends up in
links, feeds and the page head, so anything but a plain ``http://`` or
``https://`` address with a host (``javascript:``, ``data:``, a relative
path, a URL with spaces or control characters) is refused.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

MAX_URL_CHARS = 2000
_BAD_CHARS = re.compile(r"[\x00-\x20\x7f-\x9f\"<>\\^`{|}]")


def http_url(value: object) -> str | None:
    """``value`` stripped, when it is an absolute http(s) URL with a host; else None."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > MAX_URL_CHARS or _BAD_CHARS.search(text):
        return None
    try:
        parts = urlsplit(text)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or not port_ok:
        return None
    return text
