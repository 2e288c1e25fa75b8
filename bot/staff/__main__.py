"""python -m bot.staff add-user NAME [--role ROLE]   (asks for the password twice;
--password-stdin for scripts)
python -m bot.staff set-role NAME ROLE

Roles: operator (the assist tool), editor (also proposes fact changes), approver (also
approves other people's proposals). Role changes are audited, with who made them.
"""
import argparse
import getpass
import os
import re
import sys

from bot.staff.passwords import hash_password
from bot.staff.store import ROLES, StaffStore

NAME = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    password = getpass.getpass("Password: ")
    if password != getpass.getpass("Again: "):
        raise ValueError("the passwords differ")
    return password


def main(argv=None) -> int:
    os.umask(0o077)
    parser = argparse.ArgumentParser(prog="python -m bot.staff")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add-user", help="create a staff account, or set its password")
    add.add_argument("name")
    add.add_argument("--role", choices=ROLES, help="default: operator for a new account")
    add.add_argument("--password-stdin", action="store_true")
    role = commands.add_parser("set-role", help="change an account's role (audited)")
    role.add_argument("name")
    role.add_argument("role", choices=ROLES)
    args = parser.parse_args(argv)
    if not NAME.match(args.name):
        print("a staff name is 1-64 letters, digits, '.', '_' or '-'", file=sys.stderr)
        return 2
    store = StaffStore()
    try:
        if args.command == "add-user":
            store.set_password_hash(args.name, hash_password(read_password(args.password_stdin)))
            if args.role:
                store.set_role(args.name, args.role, actor())
        else:
            store.set_role(args.name, args.role, actor())
    except ValueError as error:
        print(f"{error}; nothing changed", file=sys.stderr)
        return 2
    print(f"staff account {args.name} is ready ({store.role(args.name)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
