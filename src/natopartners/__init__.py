"""natopartners: an offline reference to NATO's partners across the globe.

As a library::

    import natopartners
    data = natopartners.load()                  # the bundled data, or load("my.toml")
    data.partner("south korea")["official_name"]
    data.on("2014").partners(relationship="global-partner")
    data.timeline(partner="japan", since="2022")
    data.changes("2014", "2024")

The names below are imported on first use, so ``natopartners --version`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "DataError",
    "NatoPartnersError",
    "NotFoundError",
    "Reference",
    "UsageError",
    "__version__",
    "load",
]

if TYPE_CHECKING:
    from natopartners.errors import DataError, NatoPartnersError, NotFoundError, UsageError
    from natopartners.reference import Reference, load

_WHERE = {
    "load": "natopartners.reference",
    "Reference": "natopartners.reference",
    "DataError": "natopartners.errors",
    "NatoPartnersError": "natopartners.errors",
    "NotFoundError": "natopartners.errors",
    "UsageError": "natopartners.errors",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        from importlib import import_module

        return getattr(import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'natopartners' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
