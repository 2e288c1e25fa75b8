"""python -m bot.staff add-user NAME   (asks for the password twice; --password-stdin for scripts)"""
import argparse
import getpass
import os
import re
import sys

from bot.staff.passwords import hash_password
from bot.staff.store import StaffStore

NAME = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def main(argv=None) -> int:
    os.umask(0o077)
    parser = argparse.ArgumentParser(prog="python -m bot.staff")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add-user", help="create a staff account, or set its password")
    add.add_argument("name")
    add.add_argument("--password-stdin", action="store_true")
    args = parser.parse_args(argv)
    if not NAME.match(args.name):
        print("a staff name is 1-64 letters, digits, '.', '_' or '-'", file=sys.stderr)
        return 2
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Again: "):
            print("the passwords differ; nothing changed", file=sys.stderr)
            return 2
    try:
        StaffStore().set_password_hash(args.name, hash_password(password))
    except ValueError as error:
        print(f"{error}; nothing changed", file=sys.stderr)
        return 2
    print(f"staff account {args.name} is ready")
    return 0


if __name__ == "__main__":
    sys.exit(main())
