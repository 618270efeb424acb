"""natopartners: an offline reference to NATO's partners across the globe."""

__version__ = "0.1.0"
