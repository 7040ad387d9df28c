"""Material's search index, rewritten compactly (generator/site_search.py): same content, fewer bytes."""

from __future__ import annotations

import json

import pytest

from generator.site_search import SEARCH_INDEX, compact_search_index

INDEX = {"config": {"lang": ["zh"], "separator": "[\\s\\u200b\\-]"},
         "docs": [{"location": "offices/440300/", "title": "深圳市\u200b社保", "text": "<p>备案\u200b传真 0755-8297 8719</p>"}]}


@pytest.mark.parametrize("written", [
    json.dumps(INDEX),  # as Material writes it: every Chinese character escaped
    json.dumps(INDEX, ensure_ascii=False, indent=2),
])
def test_compact_index_keeps_the_content_in_fewer_bytes(tmp_path, written):
    path = tmp_path / SEARCH_INDEX
    path.parent.mkdir(parents=True)
    path.write_text(written, encoding="utf-8")
    compact_search_index(tmp_path)
    text = path.read_text(encoding="utf-8")
    assert json.loads(text) == INDEX
    assert "备案" in text and len(text.encode()) < len(written.encode())


def test_a_site_without_search_is_left_alone(tmp_path):
    compact_search_index(tmp_path)
    assert not (tmp_path / SEARCH_INDEX).exists()


def test_built_index_is_compact_and_complete(built_site):
    text = (built_site / SEARCH_INDEX).read_text(encoding="utf-8")
    assert "\\u" not in text.replace("\\u200b", "")  # no escaped characters but the word break
    docs = json.loads(text)["docs"]
    assert any(d["location"].startswith("offices/") for d in docs)
