"""So that ``python -m aouad`` works like the ``aouad`` command."""

from .process import main

main()
