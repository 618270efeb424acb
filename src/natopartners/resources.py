"""Where the bundled dataset lives: inside the installed package, or in a source checkout.

A wheel carries ``natopartners/data/partners.toml`` and may carry ``partners.json``, a
snapshot of it made when the wheel is built (JSON is read faster than TOML). An editable
install or a checkout reads ``data/partners.toml`` at the repository root. Whatever is read is
validated by ``loading`` like any other data file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

SNAPSHOT = "partners.json"
SOURCE = "partners.toml"


def bundled_data() -> tuple[str, bytes]:
    """The name (``partners.json`` or ``partners.toml``) and bytes of the bundled dataset.

    Raises OSError when neither the package nor the checkout holds it.
    """
    here = Path(__file__).parent
    if here.is_dir():  # installed as files: read them directly
        package: Traversable = here / "data"
    else:  # imported from a zip: importlib.resources reads inside it (and costs an import)
        from importlib.resources import files

        package = files("natopartners").joinpath("data")
    for name in (SNAPSHOT, SOURCE):
        resource = package.joinpath(name)
        if resource.is_file():
            return name, resource.read_bytes()
    checkout = here.resolve().parents[1] / "data" / SOURCE
    return SOURCE, checkout.read_bytes()
