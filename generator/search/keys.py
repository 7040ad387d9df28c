"""Index keys and their files: name keys, cell lists as base-32 gaps, FNV-1a chunking (FORMAT.md, "Cell lists" and "Chunks")."""

from __future__ import annotations

import json

INDEX_KEYS_PER_CHUNK = 160  # the name index is hashed into enough chunks for about this many keys each
INDEX_MAX_CHUNKS = 256
# Cell lists as text: each gap between cell numbers as base-32 digits, low digit first, digits
# other than the last taken from the upper half of the alphabet. "!" marks the complement (the
# cells that do NOT contain the key), used when that is shorter.
ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-"


def to_json(value) -> bytes:
    """Compact JSON with sorted keys: the same data gives the same bytes."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def keys_of(normalized: str) -> set[str]:
    """Index keys of a normalised name: every character and every pair of neighbours."""
    return set(normalized) | {normalized[i : i + 2] for i in range(len(normalized) - 1)}


def chunk_of(key: str, chunks: int) -> int:
    """FNV-1a over UTF-16 code units, the same in lib/hospital-search/keys.mjs (JS strings are UTF-16)."""
    h = 0x811C9DC5
    data = key.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | (data[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h % chunks


def encode_cells(cells: list[int], total: int) -> str:
    """A sorted list of cell numbers (out of `total`) as compact text (see ALPHABET)."""
    if len(cells) * 2 > total:
        present = set(cells)
        return "!" + _encode_gaps([c for c in range(total) if c not in present])
    return _encode_gaps(cells)


def _encode_gaps(cells: list[int]) -> str:
    out, previous = [], -1
    for cell in cells:
        gap, previous = cell - previous - 1, cell
        while gap >= 32:
            out.append(ALPHABET[32 + (gap & 31)])
            gap >>= 5
        out.append(ALPHABET[gap])
    return "".join(out)


def decode_cells(text: str, total: int) -> list[int]:
    """Inverse of encode_cells (the JS core has the same function)."""
    if text.startswith("!"):
        absent = set(decode_cells(text[1:], total))
        return [c for c in range(total) if c not in absent]
    cells, previous, gap, shift = [], -1, 0, 0
    for ch in text:
        digit = ALPHABET.index(ch)
        if digit >= 32:
            gap |= (digit - 32) << shift
            shift += 5
        else:
            gap |= digit << shift
            previous += gap + 1
            cells.append(previous)
            gap, shift = 0, 0
    return cells


def chunked(keys: dict[str, set[int]], total: int, folder: str) -> tuple[int, dict[str, bytes]]:
    """Hash keys -> cell lists into enough files of about INDEX_KEYS_PER_CHUNK keys each (a power of two)."""
    chunks = 1
    while chunks * INDEX_KEYS_PER_CHUNK < len(keys) and chunks < INDEX_MAX_CHUNKS:
        chunks *= 2
    grouped: list[dict[str, str]] = [{} for _ in range(chunks)]
    for key in sorted(keys):
        grouped[chunk_of(key, chunks)][key] = encode_cells(sorted(keys[key]), total)
    return chunks, {f"{folder}/{n}.json": to_json(entries) for n, entries in enumerate(grouped)}


def by_first_two_letters(keys: dict[str, set[int]], total: int, folder: str) -> dict[str, bytes]:
    """starts/: one file per first two letters of the keys, so an initials query costs one small fetch."""
    grouped: dict[str, dict[str, str]] = {}
    for key in sorted(keys):
        grouped.setdefault(key[:2], {})[key] = encode_cells(sorted(keys[key]), total)
    return {f"{folder}/{prefix}.json": to_json(entries) for prefix, entries in grouped.items()}
