"""The site states the seeds' facts in its own words: no built page repeats 20+ Han characters of them."""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import opencc
import pytest

from generator.guide_sources import read_catalogue

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
RUN = 20  # this many Han characters in a row, punctuation ignored, count as copied
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_TITLE = re.compile(r"《[^《》]*》")  # titles may be quoted whole
_SKIP_TAGS = {"script", "style", "template"}
# Inline markup does not end a passage: the glossary's <abbr> wraps terms inside sentences.
_INLINE_TAGS = {"a", "abbr", "b", "strong", "em", "i", "span", "code", "time", "mark", "small", "sub", "sup", "q", "u", "s"}


def _han_runs(text: str) -> list[str]:
    """Runs of Han characters once punctuation and spaces are dropped (digits and letters split runs)."""
    kept = "".join(c for c in text if not (c.isspace() or unicodedata.category(c)[0] in "PZ"))
    return _HAN.findall(kept)


def seed_windows(texts: list[str], run: int = RUN) -> set[str]:
    """Every `run`-character window of the seeds' Han runs, in simplified characters."""
    to_simplified = opencc.OpenCC("t2s")
    windows = set()
    for text in texts:
        for han in _han_runs(to_simplified.convert(text)):
            windows.update(han[i : i + run] for i in range(len(han) - run + 1))
    return windows


class _Text(HTMLParser):
    """The text pieces of a page: a block (paragraph, cell, list item, heading) ends a piece."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = [""]
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in _SKIP_TAGS
        if tag not in _INLINE_TAGS:
            self.pieces.append("")

    def handle_endtag(self, tag):
        self._skip -= tag in _SKIP_TAGS and self._skip > 0
        if tag not in _INLINE_TAGS:
            self.pieces.append("")

    def handle_data(self, data):
        if not self._skip:
            self.pieces[-1] += data


def copied_passages(html: str, windows: set[str], titles: tuple[str, ...] = (), run: int = RUN) -> list[str]:
    """The passages of a page that repeat a seed window, each grown to its longest copied stretch."""
    parser = _Text()
    parser.feed(html)
    found = []
    for piece in parser.pieces:
        piece = _TITLE.sub("|", piece)
        for title in titles:
            piece = piece.replace(title, "|")
        for han in _han_runs(piece):
            i = 0
            while i + run <= len(han):
                if han[i : i + run] in windows:
                    end = i + run
                    while end < len(han) and han[end - run + 1 : end + 1] in windows:
                        end += 1
                    found.append(han[i:end])
                    i = end
                else:
                    i += 1
    return found


@pytest.fixture(scope="module")
def windows() -> set[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    assert len(texts) == 5, "tests/fixtures/seeds holds the five seed texts"
    return seed_windows(texts)


# Plain pages of the built site; the 繁體 mirror repeats them and is left out.
def _pages(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("*.html")) if "zh-Hant" not in p.relative_to(site).parts]


def test_no_built_page_repeats_the_seeds(built_site, windows):
    titles = tuple(d.title for d in read_catalogue().values())  # printed bare as the document page's heading
    copied = {}
    for page in _pages(built_site):
        passages = copied_passages(page.read_text(encoding="utf-8"), windows, titles)
        if passages:
            copied[str(page.relative_to(built_site))] = passages
    assert copied == {}, "write these passages anew, in the project's own words"


# A planted page: what is reported and what is not.
SEED_SENTENCE = "就医地经办机构要为异地就医人员提供和本地参保人员相同的服务和管理"  # seed 000 (simplified)
PLANTED = [
    ("a seed sentence", f"<p>{SEED_SENTENCE}。</p>", [SEED_SENTENCE]),
    ("with other punctuation", "<p>就医地经办机构，要为异地就医人员、提供和本地参保人员相同的服务。</p>", ["就医地经办机构要为异地就医人员提供和本地参保人员相同的服务"]),
    ("in traditional characters", "<p>就醫地經辦機構要為異地就醫人員提供和本地參保人員相同的服務和管理</p>", []),  # pages are simplified; the mirror is skipped
    ("inside a title", f"<p>见《{SEED_SENTENCE}》一文</p>", []),
    ("19 characters", f"<p>{SEED_SENTENCE[:19]}</p>", []),
    ("20 characters", f"<p>{SEED_SENTENCE[:20]}</p>", [SEED_SENTENCE[:20]]),
    ("across inline markup", f"<p>{SEED_SENTENCE[:4]}<abbr title='x'>{SEED_SENTENCE[4:8]}</abbr><strong>{SEED_SENTENCE[8:]}</strong></p>", [SEED_SENTENCE]),
    ("split into two paragraphs", f"<p>{SEED_SENTENCE[:16]}</p><p>{SEED_SENTENCE[16:]}</p>", []),
    ("inside a script", f"<script>{SEED_SENTENCE}</script>", []),
    ("own words", "<p>你在外地看病时，当地的经办机构会像对本地人一样为你服务，也像管本地人一样审核你的费用。</p>", []),
]


@pytest.mark.parametrize("html,expected", [p[1:] for p in PLANTED], ids=[p[0] for p in PLANTED])
def test_planted_page(windows, html, expected):
    assert copied_passages(html, windows) == expected


def test_a_planted_copy_in_a_built_page_fails(built_site, windows, tmp_path):
    page = tmp_path / "guide" / "index.html"
    page.parent.mkdir()
    html = (built_site / "guide" / "index.html").read_text(encoding="utf-8")
    page.write_text(html.replace("</article>", f"<p>{SEED_SENTENCE}</p></article>"), encoding="utf-8")
    assert copied_passages(page.read_text(encoding="utf-8"), windows) == [SEED_SENTENCE]
