"""Loads the starter routines derived from the articles."""

from pathlib import Path


def load_starters(folder: Path) -> str:
    return "nothing loaded yet"
