"""A cache of validated datasets, so a data file is parsed and validated once, not every run.

An entry is keyed by the SHA-256 of the file's exact bytes together with the source of the
code that defines and checks the schema, the package version and the Python version. Any
change to the file, the schema code or the interpreter gives a new key, so a stale entry can
never be read; an unreadable entry is ignored. Entries live in ``$NATOPARTNERS_CACHE_DIR``,
else ``$XDG_CACHE_HOME/natopartners``, else ``~/.cache/natopartners``. ``NATOPARTNERS_CACHE=0``
turns the cache off. Nothing fails if the cache cannot be written.
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
    digest = hashlib.sha256(f"{__version__} {sys.version_info[:2]}".encode())
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
    if folder is None:
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
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".tmp", delete=False) as handle:
            temporary = Path(handle.name)
            pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(folder / f"{entry}.pickle")
    except (OSError, pickle.PicklingError):
        return
