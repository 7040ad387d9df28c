"""Atomic site builds: build into a temporary folder beside site/, then swap it in."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from generator import changes
from generator.hooks import DATA_DIR_ENV

ROOT = Path(__file__).resolve().parent.parent


def build_site(
    data_dir: Path, site_dir: Path, config_file: Path = ROOT / "mkdocs.yml", previous: Path | None = None, allow_shrink: bool = False,
) -> bool:
    """Build the site from data_dir into site_dir; on any failure site_dir is left untouched.

    previous: the release this one replaces (default: site_dir), for /changes/ and the shrink guard.
    """
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    previous_env = os.environ.get(DATA_DIR_ENV)
    os.environ[DATA_DIR_ENV] = str(data_dir.resolve())
    restore_release_env = changes.set_release_env(previous or site_dir, allow_shrink)
    try:
        logging.getLogger("mkdocs").setLevel(logging.WARNING)
        config = load_config(config_file=str(config_file), site_dir=str(staging))
        mkdocs_build(config)
    except (MkDocsException, SystemExit) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        message = str(exc)
        if message:
            print(message)
        return False
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        restore_release_env()
        if previous_env is None:
            os.environ.pop(DATA_DIR_ENV, None)
        else:
            os.environ[DATA_DIR_ENV] = previous_env
    _swap(staging, site_dir)
    return True


def _swap(staging: Path, site_dir: Path) -> None:
    """Replace site_dir by staging with two renames, so readers never see half a site."""
    old = None
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.old-", dir=site_dir.parent))
        old.rmdir()
        site_dir.rename(old)
    staging.rename(site_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
