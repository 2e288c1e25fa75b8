"""Kanji numerals as residents write them (十二, 百七十, 一七〇, 二十五, 元) to integers."""
import re

DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
KANJI_NUMBER = re.compile(r"[〇零一二三四五六七八九十百千]+")


def kanji_to_int(text: str) -> int:
    """'十二' → 12, '百七十' → 170, '一七〇' → 170 (digit by digit), '二千' → 2000."""
    if not text or any(ch not in DIGITS and ch not in UNITS for ch in text):
        raise ValueError("not a kanji numeral")
    if not any(ch in UNITS for ch in text):
        return int("".join(str(DIGITS[ch]) for ch in text))
    total, digit = 0, None
    for ch in text:
        if ch in DIGITS:
            if digit is not None:
                raise ValueError("two digits in a row in a positional numeral")
            digit = DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * UNITS[ch]
            digit = None
    return total + (digit or 0)
