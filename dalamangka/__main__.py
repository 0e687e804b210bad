"""``python -m dalamangka ...``: the commands are in :mod:`dalamangka.cli`.

``serve`` is parsed here without importing the rest: it needs none of the importer, pandas or
the decks (1.2 s of a start's 1.45 s of CPU; ``serve`` is started again after every restart of
a city's server, and each replica imports what it needs itself).
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["serve"]:
        import argparse

        from dalamangka import serve

        parser = argparse.ArgumentParser(prog="python -m dalamangka serve", description=serve.HELP)
        serve.add_arguments(parser)
        return serve.cli(parser.parse_args(args[1:]))
    from dalamangka import cli

    return cli.main(args)


if __name__ == "__main__":
    sys.exit(main())
