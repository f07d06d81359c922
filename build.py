#!/usr/bin/env python3
"""Build the site: `python build.py --help`. A thin door to the factfile package."""

import sys

from factfile.cli import main

if __name__ == "__main__":
    sys.exit(main())
