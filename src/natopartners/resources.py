"""Where the bundled dataset lives: inside the installed package, or in a source checkout.

A wheel carries ``natopartners/data/partners.toml`` and may carry ``partners.json``, a
snapshot of it made when the wheel is built (JSON is read faster than TOML). An editable
install or a checkout reads ``data/partners.toml`` at the repository root. Whatever is read is
validated by ``loading`` like any other data file.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

SNAPSHOT = "partners.json"
SOURCE = "partners.toml"


def bundled_data() -> tuple[str, bytes]:
    """The name (``partners.json`` or ``partners.toml``) and bytes of the bundled dataset: the
    snapshot where the wheel carries one, else the TOML.

    Raises OSError when neither the package nor the checkout holds it.
    """
    snapshot = _package().joinpath(SNAPSHOT)
    if snapshot.is_file():
        return SNAPSHOT, snapshot.read_bytes()
    return SOURCE, bundled_source()


def bundled_source() -> bytes:
    """The bytes of the bundled ``partners.toml``: the package's copy, else the checkout's."""
    packaged = _package().joinpath(SOURCE)
    if packaged.is_file():
        return packaged.read_bytes()
    return (Path(__file__).resolve().parents[2] / "data" / SOURCE).read_bytes()


def _package() -> Traversable:
    here = Path(__file__).parent
    if here.is_dir():  # installed as files: read them directly
        return here / "data"
    # Imported from a zip: importlib.resources reads inside it (and costs an import).
    from importlib.resources import files

    return files("natopartners").joinpath("data")
