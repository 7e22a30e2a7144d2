"""So that ``python -m aouad`` works like the ``aouad`` command."""

from .cli import main

main()
