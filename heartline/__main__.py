"""Run the CLI with `python -m heartline`."""

from .cli import main

main()
