"""Command line: ``python -m dalamangka build``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dalamangka import warehouse


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dalamangka", description="Kota Dalam Angka")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="bangun data/warehouse.duckdb dari data/")
    b.add_argument("--target", type=Path, default=None, help="lokasi berkas gudang data")
    args = parser.parse_args(argv)
    if args.command == "build":
        try:
            seconds = warehouse.timed_build(args.target)
        except warehouse.BuildError as e:
            print(f"Gagal membangun gudang data: {e}", file=sys.stderr)
            return 1
        print(f"Gudang data dibangun dalam {seconds:.2f} detik.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
