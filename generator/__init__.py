"""异地就医结算指南: data -> validated models -> MkDocs pages."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the repository: mkdocs.yml, data/, site/
