"""Where the bundled dataset lives: inside the installed package, or in a source checkout.

A wheel carries ``natopartners/data/partners.toml`` and may carry ``partners.json``, a
snapshot of it made when the wheel is built (JSON is read faster than TOML). An editable
install or a checkout reads ``data/partners.toml`` at the repository root. Whatever is read is
validated by ``loading`` like any other data file.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

SNAPSHOT = "partners.json"
SOURCE = "partners.toml"


def bundled_data() -> tuple[str, bytes]:
    """The name (``partners.json`` or ``partners.toml``) and bytes of the bundled dataset.

    Raises OSError when neither the package nor the checkout holds it.
    """
    package = files("natopartners").joinpath("data")
    for name in (SNAPSHOT, SOURCE):
        resource = package.joinpath(name)
        if resource.is_file():
            return name, resource.read_bytes()
    checkout = Path(__file__).resolve().parents[2] / "data" / SOURCE
    return SOURCE, checkout.read_bytes()
