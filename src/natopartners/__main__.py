"""Run natopartners as ``python -m natopartners``."""

from natopartners.cli import main

if __name__ == "__main__":  # pragma: no cover
    main()
