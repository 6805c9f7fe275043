"""The 404 page, made to work from disk and at any base path.

MkDocs renders error pages with every URL absolute from the path of
``site_url`` (``/assets/...``, ``/index.html``): a web server sends 404.html
for any missing address, at any depth, so a relative link would resolve
against the wrong folder. From disk those links lead to the disk's root, and
hosted at another base path than ``site_url`` names they lead outside the site.

:func:`relative_error_page` writes them relative to the site root instead
(404.html sits there), which is right from disk, from the unzipped pack and
when the page is opened at its own address. For a web server sending it for a
missing address deeper down, a small script first in ``<head>`` sets
``<base href>`` to the site root, found in the address: the path before the
last segment that is one of the site's top-level folders (``articles/``,
``entities/``, ...), else ``site_url``'s path when the address starts with it,
else the address's folder. It runs before any stylesheet or script is read,
so they load from the root (Chromium's preload scanner may have asked for them
relative to the address first: those requests fail, the page is whole).
A pure function over the rendered HTML.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

#: the attributes whose URLs MkDocs and Material make absolute on an error page
_ATTR = re.compile(r'(\s(?:href|src|action)=")([^"]*)"')
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)

_BASE_SCRIPT = r"""<script>/* newsarchive (generator/errorpage.py): links start at the site root */
(function (dirs, configured) {
  if (!/^https?:$/.test(location.protocol) || /\/404\.html$/.test(location.pathname)) return;
  var path = location.pathname, segs = path.split("/"), root = null;
  for (var i = segs.length - 2; i >= 1 && root === null; i--) {
    var seg = segs[i];
    try { seg = decodeURIComponent(seg); } catch (e) { /* a malformed escape: the segment as sent */ }
    if (dirs.indexOf(seg) >= 0) root = segs.slice(0, i).join("/") + "/";
  }
  if (root === null) root = path.indexOf(configured) === 0 ? configured : path.replace(/[^\/]*$/, "");
  if (root === path.replace(/[^\/]*$/, "")) return;
  var base = document.createElement("base");
  base.href = root;
  document.head.appendChild(base);
})(%s, %s);</script>"""


def site_base(site_url: str | None) -> str:
    """The path MkDocs starts an error page's URLs with: ``site_url``'s path, with a final slash."""
    path = urlsplit(site_url or "/").path or "/"
    return path if path.endswith("/") else path + "/"


def _relative(url: str, base: str) -> str:
    if not url.startswith(base) or url.startswith("//"):
        return url
    rest = url[len(base):]
    return rest if rest and not rest.startswith(("#", "?")) else "index.html" + rest


def relative_error_page(html: str, site_url: str | None, top_dirs: list[str]) -> str:
    """``html`` (an error page MkDocs rendered) with its site-absolute URLs relative
    to the site root, and the script that makes them hold when served deeper down.
    ``top_dirs``: the site's top-level folders (sorted), for the script."""
    base = site_base(site_url)
    out = _ATTR.sub(lambda m: f'{m.group(1)}{_relative(m.group(2), base)}"', html)

    def config(m: re.Match) -> str:
        try:
            data = json.loads(m.group(2))
        except ValueError:
            return m.group(0)
        data["base"] = "."
        if isinstance(data.get("search"), str):
            data["search"] = _relative(data["search"], base)
        text = json.dumps(data, ensure_ascii=False)
        return m.group(1) + text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + m.group(3)

    out = _CONFIG.sub(config, out, count=1)
    script = _BASE_SCRIPT % (json.dumps(sorted(set(top_dirs))), json.dumps(base))
    return re.sub(r"<head>", lambda m: m.group(0) + "\n" + script, out, count=1)
