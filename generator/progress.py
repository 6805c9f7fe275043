"""Progress bars on long steps (tqdm, on stderr); silent with --quiet or when off."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator

from tqdm import tqdm


@contextmanager
def progress_bar(total: int, label: str, enabled: bool) -> Iterator[tqdm]:
    """A bar for ``total`` steps; a no-op object when disabled or there is little to do."""
    bar = tqdm(total=total, desc=label, unit=" articles", file=sys.stderr, leave=False,
               disable=not enabled or total < 50, mininterval=0.5, dynamic_ncols=True)
    try:
        yield bar
    finally:
        bar.close()
