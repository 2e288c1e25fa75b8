import pytest
from hypothesis import given, strategies as st

from bot.textnorm import MAX_CHARS, normalize_text


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("ﾅﾆｶﾞﾓﾚﾀﾉ", "なにがもれたの"),  # half-width kana keyboard
        ("ナニガモレタノ", "なにがもれたの"),  # all katakana reads as hiragana
        ("げんいんはなに？？？", "げんいんはなに?"),  # repeated punctuation
        ("何件　　漏れた！！", "何件 漏れた!"),  # full-width spaces and marks
        ("１，２３４件", "1,234件"),  # full-width digits
        ("ＮＴＴの件", "NTTの件"),  # full-width letters
        ("  \n 電話番号は？ \t", "電話番号は?"),
        ("\u200bこんにちは\ufeff", "こんにちは"),  # zero-width space and BOM
        ("メールアドレスを教えて", "メールアドレスを教えて"),  # katakana inside Japanese stays
        ("", ""),
    ],
)
def test_normalizes_how_residents_type(typed, expected):
    assert normalize_text(typed) == expected


def test_long_input_is_cut_for_the_nlu():
    assert len(normalize_text("あ" * 10_000)) == MAX_CHARS


@given(st.text())
def test_normalizing_twice_changes_nothing(text):
    once = normalize_text(text)
    assert normalize_text(once) == once
