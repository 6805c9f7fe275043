"""File hashes trusted from ``stat``, as git's index does: a file whose size,
modification time and inode are those recorded is not read again.

``.cache/newsarchive/stat-index.json`` maps each path (relative to the
archive's root) to ``[size, mtime_ns, ctime_ns, inode, sha256]`` (the change
time catches an edit whose mtime was put back). An entry is trusted
only if its file's modification time is older than the index file's own
(both are the file system's clock, at its granularity): a file changed in the
same tick as the index was written is "racily clean" and is hashed again.
Deleting the cache only costs one round of hashing.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .cache import CACHE_DIR, write_atomic

INDEX_NAME = "stat-index.json"
FORMAT = 2


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class StatIndex:
    """SHA-256 of the files under ``root``, from stat where it can be trusted."""

    def __init__(self, root: Path, enabled: bool = True):
        self.root = Path(root)
        self._prefixes = tuple(dict.fromkeys(os.fspath(r) + os.sep for r in (self.root, self.root.absolute())))
        self.path = self.root / CACHE_DIR / INDEX_NAME
        self.enabled = enabled
        self.entries: dict[str, list] = {}
        self.stamp = 0  # the index file's mtime_ns when read: entries at or after it are racy
        self.changed = False
        self.hashed = 0  # files read and hashed (a measure for tests and benchmarks)
        if enabled:
            self._load()

    def _load(self) -> None:
        try:
            stamp = self.path.stat().st_mtime_ns
            data = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("files"), dict):
            self.entries, self.stamp = data["files"], stamp

    def _key(self, path: Path | str) -> str:
        name = os.fspath(path)
        for prefix in self._prefixes:
            if name.startswith(prefix):
                return name[len(prefix):].replace(os.sep, "/")
        return os.path.abspath(name)

    def sha(self, path: Path | str) -> str | None:
        """The file's SHA-256, or None when it does not exist (or is not a regular file)."""
        try:
            st = os.stat(path)
        except OSError:
            return None
        key = self._key(path)
        entry = self.entries.get(key)
        if (entry and entry[0] == st.st_size and entry[1] == st.st_mtime_ns and entry[2] == st.st_ctime_ns
                and entry[3] == st.st_ino and st.st_mtime_ns < self.stamp and st.st_ctime_ns < self.stamp):
            return entry[4]
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError:
            return None
        self.hashed += 1
        self.changed = True  # even with the same entry: a new stamp makes a racy entry trusted
        return self._store(key, st, sha256(data))

    def wrote(self, path: Path, digest: str) -> None:
        """Record ``digest`` for a file just written with those bytes."""
        try:
            st = os.stat(path)
        except OSError:
            return
        self._store(self._key(path), st, digest)

    def forget(self, path: Path) -> None:
        if self.entries.pop(self._key(path), None) is not None:
            self.changed = True

    def _store(self, key: str, st: os.stat_result, digest: str) -> str:
        entry = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, digest]
        if self.entries.get(key) != entry:
            self.entries[key] = entry
            self.changed = True
        return digest

    def save(self) -> None:
        """Write the index (when anything changed); its mtime becomes the new stamp."""
        if not self.enabled or not self.changed:
            return
        data = json.dumps({"format": FORMAT, "files": dict(sorted(self.entries.items()))},
                          separators=(",", ":")).encode("utf-8")
        write_atomic(self.path, data)
        self.changed = False
