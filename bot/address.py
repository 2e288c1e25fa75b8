"""Normalize a resident's address so that the ways people type one address agree.

Pure functions, no I/O. Both the registry import and every check go through
normalize_address, so a spelling difference it removes can never cause a miss,
and a real difference it keeps (another city, another number) never matches.
"""
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, Tuple

import yaml

from bot.facts import REPO_ROOT
from bot.kanji_numbers import KANJI_NUMBER, kanji_to_int

VARIANTS_FILE = REPO_ROOT / "data" / "kanji_variants.yml"
# Bumped whenever normalization changes: a registry imported under older rules would
# silently miss, so its fingerprint no longer matches and it must be imported again.
ADDRESS_RULES_VERSION = "2"

_DASHES = r"\-－ー‐―−–—ｰ"  # escaped: inside [...] a bare "-" would make a range
_NUMBER_MARKERS = "丁目|番地|番|号"
_PREFECTURE = re.compile(r"^(東京都|北海道|(?:京都|大阪)府|[^都道府県\d]{2,3}県)")
_CITY = re.compile(r"^([^町村\d]{1,6}?市|[^\d]{1,5}?郡[^\d]{1,5}?[町村])")
_AZA = re.compile(r"大?字")
# A kanji numeral is an address number when a number marker, a dash or "の"+number
# follows, or when it follows a number marker, a dash, a digit+"の", or ends the text.
_KANJI_BEFORE_MARKER = re.compile(
    rf"({KANJI_NUMBER.pattern})(?=(?:{_NUMBER_MARKERS})|[{_DASHES}]|ノ[〇一二三四五六七八九十百千\d])"
)
_KANJI_AFTER_MARKER = re.compile(
    rf"(?:(?<=丁目)|(?<=番地)|(?<=[番号{_DASHES}\d])|(?<=\dノ))({KANJI_NUMBER.pattern})"
)
_KANJI_AT_END = re.compile(rf"({KANJI_NUMBER.pattern})$")
_SEPARATOR = re.compile(rf"(?<=\d)(?:丁目|番地|番|号|ノ|[{_DASHES}])+(?=\d)")
# After kana are folded: ヶ・ガ and ケ, small ッ and ツ, are one letter in a place name.
_KANA_FOLD = str.maketrans({"ヶ": "ケ", "ガ": "ケ", "ヵ": "カ", "ッ": "ツ"})
# A lone kana between kanji, or after kanji before a number or the end, is okurigana or
# a connective (地廻り/地廻, 柳の本/柳本): written or not, the same place.
_LONE_KANA = re.compile(r"(?<=[一-龥々])[ァ-ヺ](?=[一-龥々\d]|$)")
_TRAILING_MARKER = re.compile(rf"(?<=\d)(?:{_NUMBER_MARKERS})$")


@dataclass(frozen=True)
class Address:
    prefecture: str
    city: str
    rest: str

    def canonical(self) -> str:
        return f"{self.prefecture}{self.city}{self.rest}"


class AddressError(ValueError):
    """The text cannot be an address; the message never contains the text."""


def _arabic(match: "re.Match[str]") -> str:
    return str(kanji_to_int(match.group(1)))


def _numbers_to_arabic(text: str) -> str:
    text = _KANJI_BEFORE_MARKER.sub(_arabic, text)
    # Repeat: each converted number can make the next one recognizable (十二番地二の三).
    previous = None
    while previous != text:
        previous, text = text, _KANJI_AFTER_MARKER.sub(_arabic, text)
    if re.search(r"[^\d〇一二三四五六七八九十百千]", text):
        text = _KANJI_AT_END.sub(_arabic, text)
    return text


@lru_cache(maxsize=None)
def _variant_table() -> Dict[int, str]:
    raw = yaml.safe_load(VARIANTS_FILE.read_text(encoding="utf-8"))["variants"]
    return {ord(variant): standard for standard, variants in raw.items() for variant in variants}


def _katakana(text: str) -> str:
    return "".join(chr(ord(ch) + 0x60) if "ぁ" <= ch <= "ゖ" else ch for ch in text)


def _clean(text: str) -> str:
    """One spelling: NFKC (half-width kana, full-width digits), no spaces, variant kanji
    folded, hiragana as katakana, ヶ/ガ/ケ and ッ/ツ as one."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")).casefold()
    return _katakana(text.translate(_variant_table())).translate(_KANA_FOLD)


def split_locality(text: str) -> Tuple[str, str]:
    """'徳島県鳴門市…' → ('徳島県', '鳴門市'): the home prefecture and city of a configuration."""
    text = _clean(text)
    prefecture = _PREFECTURE.match(text)
    city = _CITY.match(text[prefecture.end():]) if prefecture else None
    if not (prefecture and city):
        raise AddressError("a locality needs a prefecture and a city")
    return prefecture.group(1), city.group(1)


def parse_address(text: str, default_prefecture: str, default_city: str) -> Address:
    """Residents may leave out the prefecture and the city; the defaults fill them in."""
    text = _clean(text)
    prefecture = _PREFECTURE.match(text)
    if prefecture:
        text = text[prefecture.end():]
    city = _CITY.match(text)
    if city:
        text = text[city.end():]
    elif prefecture and prefecture.group(1) != default_prefecture:
        raise AddressError("another prefecture without a city")
    text = _AZA.sub("", text)
    text = _numbers_to_arabic(text)
    text = _SEPARATOR.sub("-", text)
    text = _TRAILING_MARKER.sub("", text)
    text = _LONE_KANA.sub("", text)
    if not re.search(r"\d", text) or not re.search(r"[^\d-]", text):
        raise AddressError("an address needs a place name and a number")
    return Address(
        prefecture=prefecture.group(1) if prefecture else default_prefecture,
        city=city.group(1) if city else default_city,
        rest=text,
    )


def normalize_address(text: str, default_prefecture: str, default_city: str) -> str:
    return parse_address(text, default_prefecture, default_city).canonical()
