"""The hospital search files: kept as the module others import; the code is in generator/search/ (see its FORMAT.md)."""

from __future__ import annotations

from .search.build import DATA_DIR, FORMAT_VERSION, SearchFiles, build_search_files
from .search.cells import CELL_MAX_ROWS, DETAIL_ROWS, Cell, make_cells, split_place_prefix
from .search.keys import chunk_of, decode_cells, encode_cells, keys_of
from .search.pinyin import initial_triples, name_initials, place_pinyin, readings, syllable_pairs
from .search.text import normalize, short_place_name, t2s_map

__all__ = [
    "CELL_MAX_ROWS", "DATA_DIR", "DETAIL_ROWS", "FORMAT_VERSION", "Cell", "SearchFiles", "build_search_files", "chunk_of",
    "decode_cells", "encode_cells", "initial_triples", "keys_of", "make_cells", "name_initials", "normalize",
    "place_pinyin", "readings", "short_place_name", "split_place_prefix", "syllable_pairs", "t2s_map",
]
