"""Atomic site builds: build into a temporary folder beside site/, then swap it in."""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import re
import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from generator import ROOT, changes
from generator.hooks import DATA_DIR_ENV


def build_site(
    data_dir: Path, site_dir: Path, config_file: Path = ROOT / "mkdocs.yml", previous: Path | None = None, allow_shrink: bool = False,
) -> bool:
    """Build the site from data_dir into site_dir; on any failure site_dir is left untouched.

    previous: the release this one replaces (default: site_dir), for /changes/ and the shrink guard.
    """
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_folders(site_dir)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-{os.getpid()}-", dir=site_dir.parent))
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


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def remove_stale_folders(site_dir: Path) -> list[Path]:
    """Remove the staging and old folders that killed builds left beside site_dir; returns them.

    Each folder's name carries the id of the process that made it (.site.building-<pid>-xxxx), so
    the folder of a build still running at the same time is kept.
    """
    pattern = re.compile(rf"^\.{re.escape(site_dir.name)}\.(?:building|old)-(?:(\d+)-)?")
    removed = []
    for folder in site_dir.parent.glob(f".{site_dir.name}.*-*"):
        match = pattern.match(folder.name)
        if match and folder.is_dir() and not (match.group(1) and _alive(int(match.group(1)))):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


@contextlib.contextmanager
def swap_lock(site_dir: Path):
    """Hold an exclusive lock on the folder that holds site_dir: one swap at a time.

    The folder itself is locked (flock works on a directory), so no lock file is left lying about;
    the lock goes when the descriptor closes, also when the process is killed.
    """
    fd = os.open(site_dir.parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _swap(staging: Path, site_dir: Path) -> None:
    """Replace site_dir by staging with two renames, so readers never see half a site."""
    old = None
    with swap_lock(site_dir):  # two builds swapping at once: the second rename would find site_dir taken
        if site_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.old-{os.getpid()}-", dir=site_dir.parent))
            old.rmdir()
            site_dir.rename(old)
        staging.rename(site_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
