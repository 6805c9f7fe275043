"""Writing the generated pages: only into the folders the generator owns, only
files it wrote itself.

Each owned folder of ``content/`` keeps a manifest (``.newsarchive-manifest``)
of the files the generator wrote there and their SHA-256. A file is written
only when its bytes change; a stale file is deleted only when the manifest
lists it with the bytes it still has; a file the generator did not write, or
one edited by hand since, is never overwritten or deleted (InputError, before
anything is written). Current hashes come from a :class:`~generator.statindex.StatIndex`,
so a file whose stat is unchanged is not read again.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Mapping, Sequence

from ..cache import write_atomic
from ..diagnostics import InputError
from ..statindex import StatIndex, sha256
from .paths import MANIFEST, OWNED_DIRS


@dataclass(slots=True, frozen=True)
class Keep:
    """A page whose file already holds the bytes with this SHA-256: not read or written."""

    sha: str


@dataclass(slots=True, frozen=True)
class Staged:
    """A page rendered into a staging file (``path``, outside content/) with this
    SHA-256: moved into place by :func:`write_owned` once every check passed."""

    path: str
    sha: str


@dataclass(slots=True)
class WriteStats:
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    foreign: list[str] = field(default_factory=list)  # files in owned folders we left alone


def utf8(text: str | bytes) -> bytes:
    return text.encode("utf-8") if isinstance(text, str) else text


def read_manifest(folder: Path) -> dict[str, str]:
    path = folder / MANIFEST
    if not path.exists():
        return {}
    entries: dict[str, str] = {}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        digest, sep, rel = line.partition("  ")
        if not sep or len(digest) != 64 or not rel or ".." in PurePosixPath(rel).parts:
            raise InputError(str(path), "unreadable manifest line", line=lineno,
                             fix="delete the folder and generate again")
        entries[rel] = digest
    return entries


def _manifest_text(entries: Mapping[str, str]) -> str:
    lines = ["# Written by newsarchive: the files below are regenerated or deleted by it.",
             "# Files in this folder that are not listed here are never touched."]
    lines += [f"{entries[rel]}  {rel}" for rel in sorted(entries)]
    return "\n".join(lines) + "\n"


def _split(rel: str, owned_dirs: Sequence[str]) -> tuple[str, str]:
    parts = PurePosixPath(rel).parts
    if len(parts) < 2 or parts[0] not in owned_dirs or ".." in parts or rel.startswith("/"):
        raise ValueError(f"{rel!r} is not inside a generated folder ({', '.join(owned_dirs)})")
    if parts[-1] == MANIFEST:
        raise ValueError(f"{rel!r} is the generator's manifest")
    return parts[0], "/".join(parts[1:])


def _move(staged: str, path: Path) -> None:
    """A staging file renamed into place (atomic, as write_atomic's rename; copied where the
    staging folder is on another file system)."""
    try:
        os.replace(staged, path)
    except FileNotFoundError:
        os.makedirs(path.parent, exist_ok=True)
        os.replace(staged, path)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        with open(staged, "rb") as f:  # another file system: copied beside the target, then renamed
            write_atomic(path, f.read())
        os.unlink(staged)


def _remove_empty_dirs(folder: Path) -> None:
    for dirpath, _dirs, _files in os.walk(folder, topdown=False):
        if Path(dirpath) != folder and not os.listdir(dirpath):
            os.rmdir(dirpath)


def write_owned(pages: Mapping[str, str | bytes | Keep | Staged], content_dir: Path,
                owned_dirs: Sequence[str] = OWNED_DIRS, hashes: StatIndex | None = None,
                shas: Mapping[str, str] | None = None) -> WriteStats:
    """Make the owned folders of ``content_dir`` hold exactly ``pages``
    (path under content/ -> text, UTF-8 bytes, :class:`Keep`: the file is
    already there with those bytes, or :class:`Staged`: the bytes are in a
    staging file, moved into place).

    ``hashes``: where current file hashes come from (default: read every
    file); it records the hashes of the files written. ``shas``: the SHA-256
    of some pages' bytes, computed already (the others are hashed here)."""
    content_dir = Path(content_dir)
    hashes = hashes if hashes is not None else StatIndex(content_dir, enabled=False)
    shas = shas or {}
    grouped: dict[str, dict[str, tuple[str | bytes | Keep | Staged, str | None]]] = {d: {} for d in owned_dirs}
    for rel, text in pages.items():
        top, inner = _split(rel, owned_dirs)
        grouped[top][inner] = (text, text.sha if isinstance(text, (Keep, Staged)) else shas.get(rel))

    plans = []
    for top in owned_dirs:  # check everything before writing anything
        folder = content_dir / top
        old = read_manifest(folder)
        new = grouped[top]
        plan: dict[str, tuple[bytes | Staged | None, str, str | None]] = {}  # inner -> (bytes, sha, sha on disk)
        for inner, (text, known) in sorted(new.items()):
            data = None if isinstance(text, Keep) else text if isinstance(text, Staged) else utf8(text)
            digest = known or sha256(data)
            current = hashes.sha(folder / inner)
            plan[inner] = (data, digest, current)
            if current == digest:
                continue  # already these bytes (adopting an identical file loses nothing)
            if data is None:
                raise InputError(f"content/{top}/{inner}", "changed while newsarchive was generating",
                                 fix="run the build again")
            if current is None:
                continue
            if inner not in old:
                raise InputError(f"content/{top}/{inner}", "exists but was not written by newsarchive; "
                                 "refusing to overwrite it",
                                 fix=f"content/{top}/ is generated: move the file elsewhere or delete it")
            if current != old[inner]:
                raise InputError(f"content/{top}/{inner}", "was edited by hand since newsarchive wrote it; "
                                 "refusing to overwrite it",
                                 fix="move your changes elsewhere (generated pages are rebuilt from site-data/), "
                                     "then delete the file")
        for inner, digest in sorted(old.items()):
            if inner not in new:
                current = hashes.sha(folder / inner)
                if current is not None and current != digest:
                    raise InputError(f"content/{top}/{inner}", "was edited by hand since newsarchive wrote it; "
                                     "refusing to delete it", fix="move the file out of the generated folder")
        plans.append((top, folder, old, plan))

    stats = WriteStats()
    for top, folder, old, plan in plans:
        entries: dict[str, str] = {}
        for inner, (data, digest, current) in plan.items():
            entries[inner] = digest
            if current == digest:
                stats.unchanged += 1
                if isinstance(data, Staged):
                    os.unlink(data.path)
            else:
                path = folder / inner
                if isinstance(data, Staged):
                    _move(data.path, path)
                else:
                    write_atomic(path, data)
                hashes.wrote(path, digest)
                stats.written += 1
        for inner in sorted(set(old) - set(plan)):
            path = folder / inner
            if path.exists():
                path.unlink()
                stats.removed += 1
            hashes.forget(path)
        manifest = folder / MANIFEST
        if entries or old:
            text = _manifest_text(entries).encode("utf-8")
            if not manifest.exists() or manifest.read_bytes() != text:
                write_atomic(manifest, text)
        if folder.is_dir():
            _remove_empty_dirs(folder)
            foreign = []
            for dirpath, _dirs, files in os.walk(folder):
                base = Path(dirpath).relative_to(folder).as_posix()
                for name in files:
                    rel = name if base == "." else f"{base}/{name}"
                    if name != MANIFEST and rel not in entries:
                        foreign.append(f"content/{top}/{rel}")
            stats.foreign.extend(sorted(foreign))
    return stats


def clean_owned(content_dir: Path, owned_dirs: Sequence[str] = OWNED_DIRS) -> WriteStats:
    """Delete every file the generator wrote (per its manifests), then the
    manifests and any folder left empty. Hand-written and foreign files stay."""
    stats = write_owned({}, content_dir, owned_dirs)
    for top in owned_dirs:
        folder = Path(content_dir) / top
        manifest = folder / MANIFEST
        if manifest.exists():
            manifest.unlink()
        if folder.is_dir():
            _remove_empty_dirs(folder)
            if not any(folder.iterdir()):
                folder.rmdir()
    return stats
