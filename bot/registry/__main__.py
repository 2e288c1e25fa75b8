"""Command line for the registry of affected residents.

  python -m bot.registry import FILE.csv      load the city's export (UTF-8 or CP932)
  python -m bot.registry check --address A --birthdate B
  python -m bot.registry demo [--csv OUT]     import (or write) the fictional demo set
  python -m bot.registry status               how many records, imported when

Nothing personal is printed: rejected rows are reported by line number and reason.
"""
import argparse
import getpass
import json
import os
import sys
import tempfile
from pathlib import Path

from bot.birthdate import to_japanese_era
from bot.check_service import CheckService, Limits, Outcome, Requester, Unavailable
from bot.facts import REPO_ROOT
from bot.log_redaction import install
from bot.registry import demo
from bot.registry.csv_import import UnreadableFileError, read_export
from bot.registry.keys import key_fingerprint, registry_key
from bot.registry.store import RegistryStore
from bot.settings import SettingsError

EXIT_FAILED, EXIT_BAD_INPUT = 1, 2


def import_file(path: Path) -> int:
    key = registry_key()
    try:
        result = read_export(path, key)
    except UnreadableFileError as error:
        print(f"not imported: {error}; the registry is unchanged", file=sys.stderr)
        return EXIT_FAILED
    for line, reason in result.rejected:
        print(f"rejected line {line}: {reason}")
    if not result.digests:
        print("not imported: no usable row; the registry is unchanged", file=sys.stderr)
        return EXIT_FAILED
    stored = RegistryStore().replace_affected(result.digests, key_fingerprint(key))
    print(f"imported {result.imported} rows ({stored} distinct), rejected {len(result.rejected)}")
    return 0


def check(address: str, birthdate: str) -> int:
    service = CheckService(RegistryStore(), registry_key(), Limits.from_settings())
    outcome = service.check_typed(address, birthdate, Requester("cli", getpass.getuser()))
    if outcome is Outcome.UNREADABLE_BIRTHDATE:
        print("the birth date cannot be read; write it like 1950/1/2 or 昭和25年1月2日",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    if outcome is Outcome.UNREADABLE_ADDRESS:
        print("the address cannot be read; it needs a place name and a number", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(json.dumps({"affected": outcome is Outcome.AFFECTED}))
    return 0


def write_demo(out: Path, encoding: str, japanese_calendar: bool) -> int:
    demo.write_csv(out, encoding=encoding,
                   birthdate_format=to_japanese_era if japanese_calendar else None)
    print(f"wrote {demo.announced_count()} fictional records to {out} ({encoding})")
    return 0


def import_demo() -> int:
    with tempfile.TemporaryDirectory(dir=REPO_ROOT / "var") as folder:
        path = Path(folder) / "demo.csv"
        demo.write_csv(path)
        return import_file(path)


def status() -> int:
    info = RegistryStore().info()
    if info is None:
        print(json.dumps({"records": 0}))
        return EXIT_FAILED
    print(json.dumps({"records": info["records"], "imported_at": info["imported_at"].isoformat()}))
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m bot.registry", description=__doc__,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = root.add_subparsers(dest="command", required=True)
    commands.add_parser("import").add_argument("file", type=Path)
    check_parser = commands.add_parser("check")
    check_parser.add_argument("--address", required=True)
    check_parser.add_argument("--birthdate", required=True)
    demo_parser = commands.add_parser("demo")
    demo_parser.add_argument("--csv", type=Path, help="write the CSV instead of importing it")
    demo_parser.add_argument("--encoding", default="utf-8-sig", choices=["utf-8-sig", "cp932"])
    demo_parser.add_argument("--japanese-calendar", action="store_true")
    commands.add_parser("status")
    return root


def main(argv=None) -> int:
    install()
    os.umask(0o077)
    args = parser().parse_args(argv)
    (REPO_ROOT / "var").mkdir(exist_ok=True)
    try:
        if args.command == "import":
            return import_file(args.file)
        if args.command == "check":
            return check(args.address, args.birthdate)
        if args.command == "demo":
            if args.csv:
                return write_demo(args.csv, args.encoding, args.japanese_calendar)
            return import_demo()
        return status()
    except (SettingsError, Unavailable) as error:
        print(f"registry unavailable: {error}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
