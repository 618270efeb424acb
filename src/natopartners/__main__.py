"""The console script, and ``python -m natopartners``: one short run of the command line.

The run's objects live to its end, so the garbage collector would only walk them: it is off
from before the first import (Typer, pydantic and the data make many objects), and what was
made is frozen at the end so the interpreter's last collection skips it too. The library
(``natopartners.load()``) leaves the collector alone; only this entry point touches it.
"""

import gc


def main() -> None:
    """Run ``natopartners`` with the arguments of the process, and exit with its code."""
    gc.disable()
    try:
        from natopartners.cli import main as run

        run()
    finally:
        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    main()
