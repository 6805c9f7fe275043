"""Page chrome and wire markup: lines no article body should hold (``newsarchive eval`` counts
the ones that leak into extracted paragraphs)."""

from __future__ import annotations

import re

#: lines that are page chrome or wire markup in any format the readers know
CHROME_PATTERNS = tuple(re.compile(p, re.I) for p in (
    r"^(?:Share|Print|Mail|Close|Back to top|Video ?Player ?Close|Most (?:read|viewed|popular)|Related(?: Stories| reading| News)?:?"
    r"|We Recommend|Add your comment|Key Words|Editor's Picks|Top News|Go to Forum|Enditem|End item)\.?$",
    r"^Contact the writers? (?:at|on)\b",
    r"\[(?:Photo|Video)(?:/[^\]]*| by [^\]]*| provided to [^\]]*)?\]$",
    r"^\[?\s*(?:Web |Responsible )?Editors?\s*:",
    r"^Source:\s*\S.*\|",
    r"\|\s*Updated:\s*\d{4}-\d{2}-\d{2}",
    r"^\(For the latest China news",
    r"Copyright|All rights reserved|Follow us\b",
    r"&(?:QL|HT|UR|LR|Cx[0-9a-f]+);",
    r"^BC-[\w&'-]+",
    r"^\(STORY CAN END HERE|OPTIONAL (?:TRIM|GRAFS?|ADD)",
    r"^\(?MORE\)?$|\(MORE\)$",
    r"^NYT-\d\d-\d\d-\d\d\b",
    r"^c\.\s?\d{4}\b.*News Service$",
    r"^(?:Home|China|World|Business)(?:\s*/\s*\w[\w&' -]*)+$",
    r"^(?:Apple News|Facebook|Twitter|Instagram|YouTube)\b.*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),",
))


def is_chrome(line: str) -> bool:
    return any(p.search(line) for p in CHROME_PATTERNS)
