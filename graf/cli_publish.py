"""Publishing commands (serve, push, export) — registered on the main parser."""

from __future__ import annotations

import argparse


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Publishing verbs are added here as they land (see issue: publish as linked open data)."""
    return None
