"""The build cache: nothing is redone for inputs that did not change.

Keys are content hashes. ``code`` hashes the generator's own source, so a new
version of newsarchive starts afresh; ``registry`` hashes entities.yml, whose
names decide every article's mentions. Per article, the key adds the raw
file's bytes and its sidecar's; the cached value is the extracted article as
JSON (never pickle: the cache is data, not code).

The cache lives in ``.cache/newsarchive/`` at the archive's root (git-ignored)
and may be deleted at any time.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from .records import Article

CACHE_DIR = ".cache/newsarchive"
FORMAT = "1"  # bump when the layout of cached files changes


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the generator's source files and templates."""
    package = Path(__file__).resolve().parent
    h = hashlib.sha256(FORMAT.encode())
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".j2", ".json"):
            h.update(path.relative_to(package).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


class Cache:
    """Content-addressed JSON files under ``<root>/.cache/newsarchive``."""

    def __init__(self, root: Path, enabled: bool = True):
        self.folder = Path(root) / CACHE_DIR
        self.enabled = enabled

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / key[:2] / f"{key}.json"

    def get(self, kind: str, key: str) -> Any | None:
        if not self.enabled:
            return None
        path = self._path(kind, key)
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # absent or damaged: treated as a miss and rewritten

    def put(self, kind: str, key: str, value: Any) -> None:
        if self.enabled:
            write_atomic(self._path(kind, key), json.dumps(value, ensure_ascii=False).encode("utf-8"))

    def get_article(self, key: str) -> Article | None:
        value = self.get("articles", key)
        if value is None:
            return None
        try:
            return Article.from_data(value["article"], value["paragraphs"])
        except (KeyError, TypeError):
            return None

    def put_article(self, key: str, article: Article) -> None:
        self.put("articles", key, {"article": article.to_data(), "paragraphs": list(article.paragraphs)})
