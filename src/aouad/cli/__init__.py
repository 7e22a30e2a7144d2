"""The command line: the Typer app (root.py), its output and errors (output.py), the options
shared by commands (options.py) and one module a command (commands/).

``app`` is the whole app, every command registered; ``main`` runs the console script and
imports only the module of the command being run (root.py says why).
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .root import app, main

__all__ = ["app", "main"]


def __getattr__(name: str) -> Any:
    if name == "app":
        from .root import app, load_all

        load_all()
        return app
    if name == "main":
        from .root import main

        return main
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
