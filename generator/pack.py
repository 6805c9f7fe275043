"""``newsarchive pack``: the built site as one deterministic zip for offline reading.

Unzipped anywhere, ``<folder>/index.html`` opens from disk and search works
(the offline index, site/search-offline/). Entries are sorted, stamped with a
fixed time (1980-01-01, the zip epoch) and fixed permissions, and compressed
at a fixed level, so the same site gives the same bytes.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import InputError

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o644
DIR_MODE = 0o755


@dataclass(slots=True, frozen=True)
class PackResult:
    out: Path
    folder: str  # the top-level folder inside the zip
    files: int
    size: int  # bytes of the zip


def _entry(name: str, mode: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.create_system = 3  # unix, so the permission bits below are read
    info.external_attr = mode << 16
    if name.endswith("/"):
        info.external_attr |= 0x10  # MS-DOS directory flag
    else:
        info.compress_type = zipfile.ZIP_DEFLATED
    return info


def pack_site(site_dir: Path, out: Path, folder: str | None = None) -> PackResult:
    """Zip ``site_dir`` into ``out`` under one top-level ``folder`` (default: the
    zip's name without ``.zip``). Raises :class:`InputError` when there is no built site."""
    site_dir, out = Path(site_dir).resolve(), Path(out).resolve()
    if not (site_dir / "index.html").is_file():
        raise InputError(str(site_dir), "no built site here (index.html is missing)",
                         fix="run `newsarchive build` first")
    if not (site_dir / "search-offline" / "meta.js").is_file():
        raise InputError(str(site_dir), "the site has no offline search index (search-offline/meta.js)",
                         fix="rebuild with `newsarchive build` (search enabled)")
    folder = (folder or out.stem).strip("/")
    paths = []
    for dirpath, dirnames, filenames in os.walk(site_dir):
        dirnames.sort()
        base = Path(dirpath)
        for name in sorted(filenames):
            path = base / name
            if path.resolve() != out and not path.is_symlink():
                paths.append(path)
    rel = sorted(p.relative_to(site_dir).as_posix() for p in paths)
    dirs = sorted({"/".join(r.split("/")[:i]) for r in rel for i in range(1, r.count("/") + 1)})
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", compresslevel=9) as zf:
        zf.writestr(_entry(f"{folder}/", DIR_MODE), b"")
        for name in sorted([d + "/" for d in dirs] + rel):
            if name.endswith("/"):
                zf.writestr(_entry(f"{folder}/{name}", DIR_MODE), b"")
            else:
                zf.writestr(_entry(f"{folder}/{name}", FILE_MODE), (site_dir / name).read_bytes())
    tmp.replace(out)
    return PackResult(out=out, folder=folder, files=len(rel), size=out.stat().st_size)
