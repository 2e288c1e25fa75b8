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
import sys
import tempfile
from pathlib import Path

from dotenv import load_dotenv

from bot.address import AddressError
from bot.birthdate import BirthdateError, parse_birthdate, to_japanese_era
from bot.facts import REPO_ROOT
from bot.registry import demo
from bot.registry.checker import Checker, Outcome, RegistryUnavailableError
from bot.registry.csv_import import UnreadableFileError, read_export
from bot.registry.keys import MissingKeyError, key_fingerprint, registry_key
from bot.registry.locality import canonical_address
from bot.registry.store import RegistryStore

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
    try:
        born = parse_birthdate(birthdate)
    except BirthdateError:
        print("the birth date cannot be read; write it like 1950/1/2 or 昭和25年1月2日",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        canonical = canonical_address(address)
    except AddressError:
        print("the address cannot be read; it needs a place name and a number", file=sys.stderr)
        return EXIT_BAD_INPUT
    checker = Checker.from_environment()
    outcome = checker.check(
        canonical, born, actor=checker.actor(f"cli:{getpass.getuser()}"), channel="cli",
        limited=False,
    )
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
    load_dotenv(REPO_ROOT / ".env")
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
    except (MissingKeyError, RegistryUnavailableError) as error:
        print(f"registry unavailable: {error}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
