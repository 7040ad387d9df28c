"""Hospital search data: compact, deterministic JSON files the lookup page loads on demand.

FORMAT.md (beside this file) is the one description of the files, read by this package and by
overrides/assets/javascripts/lib/hospital-search/; the README's "Architecture: hospital search"
says why the design is so, with measurements. The steps, one module each:

- text.py: normalisation (NFKC, lower case, traditional -> simplified) and short place names;
- pinyin.py: readings, place names read as phrases, pinyin keys and typed initials of a name;
- keys.py: index keys, cell lists as base-32 gaps, FNV-1a chunks;
- cells.py: rows grouped into cells in display order, cell files, detail blocks;
- build.py: build_search_files, which runs the steps and writes the manifest.
"""

from .build import DATA_DIR, FORMAT_VERSION, SearchFiles, build_search_files

__all__ = ["DATA_DIR", "FORMAT_VERSION", "SearchFiles", "build_search_files"]
