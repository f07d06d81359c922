"""What the commands' options accept, shared by every command line."""

from __future__ import annotations

import argparse
from pathlib import Path


def path(text: str) -> Path:
    """Read a path option; an empty one (`--out ''`) is a mistake, not the working folder."""
    if not text.strip():
        raise argparse.ArgumentTypeError("must name a file or folder, not be empty")
    return Path(text)
