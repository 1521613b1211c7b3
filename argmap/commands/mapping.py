"""CLI commands (placeholder module: commands are registered here)."""
from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Register this module's commands on the argmap app."""
