"""The build cache: nothing is redone for inputs that did not change.

Keys are content hashes. ``code`` hashes the generator's own source, so a new
version of newsarchive starts afresh; ``registry`` hashes entities.yml, whose
names decide every article's mentions. Per article, the key adds the raw
file's bytes and its sidecar's; the cached value is the extracted article as
JSON (never pickle: the cache is data, not code).

The cache lives in ``.cache/newsarchive/`` at the archive's root (git-ignored)
and may be deleted at any time. Its entries are rows of one SQLite file
(``cache.sqlite``, stdlib ``sqlite3``): an archive of 10,000 articles would
otherwise be 10,000 small files written and read per build, each a few system
calls. Durability is traded for speed (``synchronous=OFF``): a damaged cache
is deleted and built again, never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from .records import Article

CACHE_DIR = ".cache/newsarchive"
SITE_FILES_DIR = "site-files"  # the files a build adds to the site (exports, feeds), until MkDocs copies them
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


def site_files_dir(root: Path) -> Path:
    """Where the generator leaves the site's data files and feeds for the site build."""
    return Path(root) / CACHE_DIR / SITE_FILES_DIR


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``
    (the folder is made when missing: one system call less per file than making it first)."""
    parent = os.fspath(path.parent)
    try:
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=".tmp-")
    except FileNotFoundError:
        os.makedirs(parent, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


DB_NAME = "cache.sqlite"
_SCHEMA = "CREATE TABLE IF NOT EXISTS entries (kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, " \
          "PRIMARY KEY (kind, key))"


class Cache:
    """Content-addressed JSON values under ``<root>/.cache/newsarchive/cache.sqlite``."""

    def __init__(self, root: Path, enabled: bool = True):
        self.folder = Path(root) / CACHE_DIR
        self.enabled = enabled
        self._db: sqlite3.Connection | None = None
        self._pid = 0

    def _connect(self) -> sqlite3.Connection:
        if self._db is None or self._pid != os.getpid():  # a forked process opens its own
            self.folder.mkdir(parents=True, exist_ok=True)
            try:
                self._db = self._open()
            except sqlite3.DatabaseError:  # not a database (damaged): start afresh
                self._discard()
                self._db = self._open()
            self._pid = os.getpid()
        return self._db

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.folder / DB_NAME, timeout=60, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=OFF")
            db.execute(_SCHEMA)
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _discard(self) -> None:
        """Delete the damaged database (a cache: it is built again)."""
        self.close()
        for suffix in ("", "-wal", "-shm"):
            path = self.folder / (DB_NAME + suffix)
            if path.exists():
                path.unlink()

    def get(self, kind: str, key: str) -> Any | None:
        if not self.enabled:
            return None
        try:
            row = self._connect().execute("SELECT value FROM entries WHERE kind = ? AND key = ?",
                                          (kind, key)).fetchone()
        except sqlite3.DatabaseError:
            self._discard()
            return None  # damaged: treated as a miss, and the cache is built again
        if row is None:
            return None
        try:
            return json.loads(row[0])
        except ValueError:
            return None  # a damaged entry: a miss, rewritten

    def put(self, kind: str, key: str, value: Any) -> None:
        if not self.enabled:
            return
        row = (kind, key, json.dumps(value, ensure_ascii=False))
        try:
            self._connect().execute("INSERT OR REPLACE INTO entries (kind, key, value) VALUES (?, ?, ?)", row)
        except sqlite3.DatabaseError:  # damaged since it was opened: start afresh
            self._discard()
            self._connect().execute("INSERT OR REPLACE INTO entries (kind, key, value) VALUES (?, ?, ?)", row)

    def keep_only(self, kind: str, keys: set[str]) -> None:
        """Delete the entries of ``kind`` this build did not use (the cache stays the archive's size)."""
        if not self.enabled:
            return
        db = self._connect()
        stale = [row[0] for row in db.execute("SELECT key FROM entries WHERE kind = ?", (kind,)) if row[0] not in keys]
        db.executemany("DELETE FROM entries WHERE kind = ? AND key = ?", [(kind, key) for key in stale])

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

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
