"""Text normalisation: names and place names as the index holds them (the browser's lib/hospital-search/text.mjs does the same to queries)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CJK_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00), (0x20000, 0x2A6E0))
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_PLACE_SUFFIX = re.compile(r"(特别行政区|自治区|自治州|自治县|地区|新区|林区|省|市|县|区|盟|旗)$")


def normalize(text: str, t2s: dict[str, str]) -> str:
    """NFKC (full-width -> half-width), lower case, traditional -> simplified, letters and digits only."""
    out = []
    for ch in unicodedata.normalize("NFKC", text).lower():
        ch = t2s.get(ch, ch)
        if ch.isalnum():
            out.append(ch)
    return "".join(out)


def short_place_name(name: str) -> str:
    """济宁市 -> 济宁: the short form hospital names often use (shortPlaceName in the JS core)."""
    short = _PLACE_SUFFIX.sub("", name)
    return short if len(short) >= 2 else name


@lru_cache(maxsize=1)
def _traditional_to_simplified_all() -> dict[str, str]:
    """Every CJK character OpenCC converts to a single simplified one (t2s, then hk2s, tw2s for variants)."""
    import opencc

    chars = [chr(c) for start, end in _CJK_RANGES for c in range(start, end)]
    joined = "\n".join(chars)
    result: dict[str, str] = {}
    for config in ("t2s", "hk2s", "tw2s"):
        converted = opencc.OpenCC(config).convert(joined).split("\n")
        for source, target in zip(chars, converted):
            if target != source and len(target) == 1 and source not in result:
                result[source] = target
    return result


def t2s_map(chars: set[str]) -> dict[str, str]:
    """Traditional -> simplified for the characters whose simplified form occurs in `chars`.

    A character that itself occurs in a name (乾 in 乾县) is never mapped, so it still finds itself.
    """
    return {t: s for t, s in _traditional_to_simplified_all().items() if s in chars and t not in chars}
