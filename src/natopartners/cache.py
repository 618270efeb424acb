"""A cache of validated datasets, so a data file is parsed and validated once, not every run.

An entry is keyed by the SHA-256 of the file's exact bytes together with the source of the
code that defines and checks the schema and the versions of natopartners, pydantic and
Python. Any change to the file, the schema code or those versions gives a new key, so a stale
entry can never be read. An unreadable entry is ignored, and so is a folder that is not the
user's own or that others can write to (unpickling runs code). The newest entries are kept.

Entries live in ``$NATOPARTNERS_CACHE_DIR``, else ``$XDG_CACHE_HOME/natopartners``, else
``~/.cache/natopartners``; ``NATOPARTNERS_CACHE=0`` turns the cache off. Nothing fails if
the cache cannot be written.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from natopartners import __version__

if TYPE_CHECKING:
    from natopartners.models import Dataset

# The modules whose code decides what a valid dataset is and how it is built.
SCHEMA_MODULES = ("models.py", "dates.py", "vocabulary.py", "loading.py")


def key(raw: bytes) -> str:
    digest = hashlib.sha256(_code_fingerprint())
    digest.update(raw)
    return digest.hexdigest()


@cache
def _code_fingerprint() -> bytes:
    from pydantic import VERSION
    from pydantic_core import __version__ as core_version

    versions = f"{__version__} {sys.version_info[:2]} {VERSION} {core_version}"
    digest = hashlib.sha256(versions.encode())
    here = Path(__file__).parent
    for name in SCHEMA_MODULES:
        digest.update((here / name).read_bytes())
    return digest.digest()


def directory() -> Path | None:
    """Where entries live, or None when the cache is turned off."""
    if os.environ.get("NATOPARTNERS_CACHE", "1") == "0":
        return None
    chosen = os.environ.get("NATOPARTNERS_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "natopartners"


def load(entry: str) -> Dataset | None:
    """The dataset stored under ``entry``, or None if there is none that can be read."""
    folder = directory()
    if folder is None or not _private(folder):
        return None
    try:
        with (folder / f"{entry}.pickle").open("rb") as handle:
            found = pickle.load(handle)
    except Exception:  # missing, truncated or foreign: a miss, and validation runs again
        return None
    from natopartners.models import Dataset

    return found if isinstance(found, Dataset) else None


def store(entry: str, data: Dataset) -> None:
    """Keep a validated dataset under ``entry``; written atomically, failures ignored."""
    folder = directory()
    if folder is None:
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(folder):
            return
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".tmp", delete=False) as handle:
            temporary = Path(handle.name)
            pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(folder / f"{entry}.pickle")
        _evict(folder)
    except (OSError, pickle.PicklingError):
        return


KEEP = 8  # entries kept: every edit of a data file or of the schema code makes a new one


def _evict(folder: Path) -> None:
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)


def _private(folder: Path) -> bool:
    """Only a folder that is ours and that nobody else can write to is trusted: unpickling
    what another user placed there would run their code."""
    if not hasattr(os, "getuid"):  # pragma: no cover - not POSIX
        return True
    try:
        status = folder.stat()
    except OSError:
        return False
    return status.st_uid == os.getuid() and not status.st_mode & 0o022
