"""Allow ``python -m coprod``."""

from coprod.cli import run

run()
