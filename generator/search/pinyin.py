"""Pinyin at build time (pypinyin): character readings, place names read as phrases, and the pinyin keys of a name."""

from __future__ import annotations

import re

from .text import HAN, normalize

START_MAX_INITIALS = 12  # initials kept per name in starts/ (longer queries match by their start)
_START_KEY = re.compile(r"^[a-z0-9]*")


def readings(chars: set[str], phrases: list[str]) -> dict[str, list[str]]:
    """Pinyin of each character, tone-less: every heteronym, plus readings only a phrase gives (乐亭 lao)."""
    from pypinyin import Style, lazy_pinyin, pinyin

    out: dict[str, list[str]] = {}
    for ch in sorted(chars):
        if HAN.match(ch):
            found = pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")
            values = [r for r in (found[0] if found else []) if r.isalpha()]
            out[ch] = list(dict.fromkeys(values))
    for phrase in phrases:  # place names are where phrase readings matter
        for ch, reading in zip(phrase, lazy_pinyin(phrase, style=Style.NORMAL, errors=lambda s: [None] * len(s))):
            if ch in out and reading and reading.isalpha() and reading not in out[ch]:
                out[ch].append(reading)
    return {ch: rs for ch, rs in out.items() if rs}


def place_pinyin(name: str, t2s: dict[str, str]) -> str:
    """Pinyin of a place name read as a phrase, one syllable per character, space-separated.

    Where the character's everyday reading differs it follows after "|": 六安 is "lu|liu an",
    since many people type liuan. Other heteronyms are left out (咸宁 is never "jianning").
    """
    from pypinyin import Style, lazy_pinyin

    text = normalize(name, t2s)
    found = lazy_pinyin(text, style=Style.NORMAL, errors=lambda s: list(s))
    if len(found) != len(text):  # pragma: no cover - pypinyin keeps one item per character
        found = list(text)
    plain = lazy_pinyin(list(text), style=Style.NORMAL, errors=lambda s: list(s))  # one character at a time
    out = []
    for phrase, alone in zip(found, plain if len(plain) == len(found) else found):
        out.append(phrase.lower() if phrase.lower() == alone.lower() else f"{phrase.lower()}|{alone.lower()}")
    return " ".join(out)


def syllables_of(normalized: str, pinyin_map: dict[str, list[str]]) -> list[list[str]]:
    """Readings per character; a letter or digit reads as itself."""
    return [pinyin_map.get(ch) or [ch] for ch in normalized]


def initial_triples(normalized: str, pinyin_map: dict[str, list[str]]) -> set[str]:
    """First letters of three neighbouring syllables (济宁市 -> jns), every reading combined."""
    firsts = [sorted({r[0] for r in rs}) for rs in syllables_of(normalized, pinyin_map)]
    return {a + b + c for x, y, z in zip(firsts, firsts[1:], firsts[2:]) for a in x for b in y for c in z}


def syllable_pairs(normalized: str, pinyin_map: dict[str, list[str]]) -> set[str]:
    """Pairs of whole neighbouring syllables (济宁 -> "ji ning"), every reading combined."""
    sylls = syllables_of(normalized, pinyin_map)
    return {f"{a} {b}" for x, y in zip(sylls, sylls[1:]) for a in x for b in y}


def name_initials(normalized: str, pinyin_map: dict[str, list[str]], place: str = "") -> str:
    """The initials people type for a name, everyday readings only (金乡县人民医院 -> jxxrmyy):
    the place name it starts with read as a phrase (`place`, from place_pinyin), every other
    character by its first reading. Cut where a character has no Latin reading, and at
    START_MAX_INITIALS."""
    out = [syllable.split("|")[0][:1] for syllable in place.split()] if place else []
    out += [(pinyin_map.get(ch) or [ch])[0][:1] for ch in normalized[len(out):]]
    key = _START_KEY.match("".join(out[:START_MAX_INITIALS]))
    return key.group(0) if key else ""
