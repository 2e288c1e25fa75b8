"""Read the city's CSV export into keyed hashes, reporting bad rows without their content."""
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Set, Tuple

from bot.address import AddressError
from bot.birthdate import BirthdateError, parse_birthdate
from bot.registry.keys import affected_digest
from bot.registry.locality import canonical_address

ADDRESS_COLUMN = "住所"
BIRTHDATE_COLUMN = "生年月日"
# Other columns the export may carry (氏名, カナ, 電話番号, 郵便番号, 年齢) are read
# past and never kept: the check needs only the address and the birth date.
ENCODINGS = ("utf-8-sig", "cp932")


class UnreadableFileError(ValueError):
    pass


@dataclass
class ImportResult:
    digests: Set[str] = field(default_factory=set)
    imported: int = 0
    rejected: List[Tuple[int, str]] = field(default_factory=list)


def decode(raw: bytes) -> str:
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFileError("the file is neither UTF-8 nor CP932 (Shift_JIS)")


def read_export(path: Path, key: bytes) -> ImportResult:
    try:
        text = decode(Path(path).read_bytes())
    except OSError as error:
        raise UnreadableFileError(f"cannot open the file ({error.strerror})") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [name.strip() for name in next(reader, [])]
    missing = [name for name in (ADDRESS_COLUMN, BIRTHDATE_COLUMN) if name not in header]
    if missing:
        raise UnreadableFileError(f"the header row lacks {'、'.join(missing)}")
    address_at, birthdate_at = header.index(ADDRESS_COLUMN), header.index(BIRTHDATE_COLUMN)
    result = ImportResult()
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) <= max(address_at, birthdate_at):
            result.rejected.append((line, "too few columns"))
            continue
        try:
            address = canonical_address(row[address_at])
        except AddressError:
            result.rejected.append((line, "address has no place name or no number"))
            continue
        try:
            born = parse_birthdate(row[birthdate_at])
        except BirthdateError as error:
            result.rejected.append((line, f"birth date unreadable ({error})"))
            continue
        result.digests.add(affected_digest(key, address, born))
        result.imported += 1
    return result
