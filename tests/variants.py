"""How residents type one address or one birth date, for the registry tests."""
import random
import re
import unicodedata
from datetime import date

import yaml

from bot.address import VARIANTS_FILE
from bot.birthdate import to_japanese_era

FULL_WIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")
KANJI_DIGITS = "〇一二三四五六七八九"


def kanji_positional(number: int) -> str:
    """170 → 百七十, 12 → 十二, 2 → 二."""
    parts = []
    for unit, name in ((1000, "千"), (100, "百"), (10, "十")):
        count, number = divmod(number, unit)
        if count:
            parts.append(("" if count == 1 else KANJI_DIGITS[count]) + name)
    if number:
        parts.append(KANJI_DIGITS[number])
    return "".join(parts) or "〇"


def kanji_digit_by_digit(number: int) -> str:
    return "".join(KANJI_DIGITS[int(d)] for d in str(number))


VARIANT_OF = {standard: variants[0] for standard, variants in
              yaml.safe_load(VARIANTS_FILE.read_text(encoding="utf-8"))["variants"].items()}
HALF_WIDTH = {unicodedata.normalize("NFKC", ch): ch for ch in map(chr, range(0xFF66, 0xFF9E))}


def hiragana(text: str) -> str:
    return "".join(chr(ord(ch) - 0x60) if "ァ" <= ch <= "ヶ" else ch for ch in text)


def typed_place(place: str, rng: random.Random) -> str:
    """A place name as residents write it: old kanji, kana as hiragana or half-width,
    the connective ノ/ツ written as の/つ, or left out."""
    style = rng.choice(["as is", "old kanji", "hiragana", "half-width", "no connective"])
    if style == "old kanji":
        return "".join(VARIANT_OF.get(ch, ch) for ch in place)
    if style == "hiragana":
        return hiragana(place)
    if style == "half-width":
        return "".join(HALF_WIDTH.get(ch, ch) for ch in place)
    if style == "no connective":
        return re.sub(r"(?<=[一-龥])[ノツ](?=[一-龥])", "", place)
    return place


def typed_address(address: str, rng: random.Random) -> str:
    """A variant of an address written '鳴門市<town><area>字<aza><n>番地[<m>]'."""
    match = re.match(r"^(鳴門市)(.+?)字(.+?)(\d+)番地(\d+)?$", address)
    city, place, aza, lot, sub = match.groups()
    place, aza = typed_place(place, rng), typed_place(aza, rng)
    prefix = rng.choice(["", "鳴門市", "徳島県鳴門市", "徳島県 鳴門市 "])
    aza_part = rng.choice(["字", "", " 字", "大字"]) + aza
    numbers = [int(lot)] + ([int(sub)] if sub else [])
    style = rng.choice(["arabic", "full", "kanji", "kanji-digits"])
    if style == "kanji":
        shown = [kanji_positional(n) for n in numbers]
    elif style == "kanji-digits":
        shown = [kanji_digit_by_digit(n) for n in numbers]
    else:
        shown = [str(n) for n in numbers]
    if len(shown) == 2:
        separator = rng.choice(["番地", "-", "の", "ノ", "ﾉ", "－", "ー", "番", "番地の", "番地ノ", "‐"])
        number_text = f"{shown[0]}{separator}{shown[1]}"
    else:
        number_text = shown[0] + rng.choice(["", "番地", "番"])
    if style == "full":
        number_text = number_text.translate(FULL_WIDTH)
    spacer = rng.choice(["", " ", "　"])
    return f"{prefix}{place}{spacer}{aza_part}{spacer}{number_text}"


def typed_birthdate(born: date, rng: random.Random) -> str:
    style = rng.choice(["slash", "iso", "kanji", "dots", "era", "era-letters", "full", "era-kanji"])
    if style == "slash":
        return f"{born.year}/{born.month}/{born.day}"
    if style == "iso":
        return born.isoformat()
    if style == "kanji":
        return f"{born.year}年{born.month}月{born.day}日"
    if style == "dots":
        return f"{born.year}.{born.month}.{born.day}"
    if style == "era":
        return to_japanese_era(born)
    if style == "era-letters":
        return to_japanese_era(born, letters=True).lower() if rng.random() < 0.3 else to_japanese_era(born, letters=True)
    if style == "era-kanji":
        era = to_japanese_era(born)
        return re.sub(r"\d+", lambda m: kanji_positional(int(m.group(0))), era)
    return f"{born.year}年{born.month}月{born.day}日".translate(FULL_WIDTH)
