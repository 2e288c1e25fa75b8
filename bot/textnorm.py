"""Normalize what residents type before the NLU sees it (pure functions, no Rasa).

Residents type on old phones (half-width kana), with full-width digits, with
repeated 「？？？」 and stray spaces; the tokenizer and the n-gram features should
see one spelling of each.
"""
import re
import unicodedata

# No question needs more; SudachiPy also refuses inputs over ~49 KB.
MAX_CHARS = 500

_REPEATED_PUNCTUATION = re.compile(r"([!?.,、。…・~〜ー-])\1+")
_SPACES = re.compile(r"\s+")
_HIRAGANA = re.compile(r"[\u3041-\u3096]")
_KANJI = re.compile(r"[\u4e00-\u9fff\u3005]")
_KATAKANA = re.compile(r"[\u30a1-\u30f6]")
_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}


def _drop_invisible(text: str) -> str:
    # Control and format characters (zero-width spaces, BOM) carry no meaning.
    return "".join(
        ch for ch in text if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf")
    )


def _is_all_katakana(text: str) -> bool:
    return bool(_KATAKANA.search(text)) and not _HIRAGANA.search(text) and not _KANJI.search(text)


def normalize_text(text: str) -> str:
    text = unicodedata.normalize("NFKC", _drop_invisible(text or ""))
    if _is_all_katakana(text):
        # Text typed on a kana-only keyboard (ﾅﾆｶﾞﾓﾚﾀﾉ) reads as ordinary hiragana.
        text = text.translate(_KATAKANA_TO_HIRAGANA)
    text = _REPEATED_PUNCTUATION.sub(r"\1", text)
    text = _SPACES.sub(" ", text).strip()
    return text[:MAX_CHARS]
