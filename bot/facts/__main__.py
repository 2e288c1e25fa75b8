"""python -m bot.facts export [FILE]: the store's approved facts as data/facts.yml's shape
(to standard output, or FILE)."""
import argparse
import sys
from pathlib import Path

from bot.facts import load_facts
from bot.facts.export import facts_yaml
from bot.facts.store import FactStore


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.facts")
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export", help="write the approved facts as YAML")
    export.add_argument("file", nargs="?", type=Path)
    args = parser.parse_args(argv)
    store = FactStore()
    store.import_missing(load_facts())
    text = facts_yaml({fact_id: version.fact for fact_id, version in store.approved().items()})
    if args.file:
        args.file.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
