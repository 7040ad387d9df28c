"""Material's site search index, rewritten compactly after Material has written it.

Material writes search/search_index.json with every Chinese character escaped (\\u90d1, six bytes
instead of three): 2.6 MB at national scale, 1.6 MB written as UTF-8 (192 KB -> 173 KB gzip for
the person who searches). The content stays exactly the same.
"""

from __future__ import annotations

import json
from pathlib import Path

SEARCH_INDEX = Path("search") / "search_index.json"


def compact_search_index(site_dir: Path) -> None:
    """Rewrite site_dir/search/search_index.json as UTF-8 without spaces, when there is one."""
    path = site_dir / SEARCH_INDEX
    if path.is_file():
        index = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
