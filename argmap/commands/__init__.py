"""CLI command groups beyond claims/eval/rules, each module registering its commands on the app."""
from __future__ import annotations

import typer


def register_all(app: typer.Typer) -> None:
    from argmap.commands import exporting, mapping

    mapping.register(app)
    exporting.register(app)
