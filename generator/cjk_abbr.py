"""Python-Markdown's `abbr`, made to work in Chinese running text.

The stock extension only matches a term between word boundaries (\\b), and Han characters are
word characters, so 起付线 inside "的起付线、" never got its tooltip. Here a term only has to be
clear of Latin letters and digits on either side. Headings, links and code are left alone: a
dotted underline in a title or inside a link only adds noise.
"""

from __future__ import annotations

import re

from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor

_SKIP = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "abbr", "button", "label", "option"}


class CjkAbbrTreeprocessor(AbbrTreeprocessor):
    """Wrap glossary terms in <abbr title=...> wherever they stand in the text."""

    def iter_element(self, el, parent=None):
        if el.tag in _SKIP:
            # Keep the element's own text untouched, but its tail is running text of the parent.
            text, el.text = el.text, None
            children = list(el)
            for child in children:
                el.remove(child)
            super().iter_element(el, parent)
            el.text = text
            for index, child in enumerate(children):
                el.insert(index, child)
            return
        super().iter_element(el, parent)

    def run(self, root):
        if not self.abbrs:
            return
        terms = sorted(self.abbrs, key=len, reverse=True)
        self.RE = re.compile(rf"(?<![A-Za-z0-9_])(?:{'|'.join(re.escape(t) for t in terms)})(?![A-Za-z0-9_])")
        self.iter_element(root)


class CjkAbbrExtension(AbbrExtension):
    """`abbr` with CJK-aware matching (see module doc)."""

    def extendMarkdown(self, md):
        super().extendMarkdown(md)
        md.treeprocessors.register(CjkAbbrTreeprocessor(md, self.abbrs), "abbr", 7)


def makeExtension(**kwargs):
    return CjkAbbrExtension(**kwargs)
