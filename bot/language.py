"""The language a conversation is answered in: 日本語 ("ja"), やさしい日本語 ("easy") or
English ("en"), and the script rule that tells an English message from a Japanese one.

Who decides, first match wins:
1. the message just typed is English: English (a message in English is answered in
   English, whatever was chosen; the choice comes back with the next Japanese message);
2. the resident's choice (the widget's switch, 「やさしい日本語で」, "English please");
3. the channel's starting choice (LINE: the language of the user's profile);
4. Japanese.
"""
import re
from typing import Any, Mapping, Optional

JAPANESE, EASY, ENGLISH = "ja", "easy", "en"
LANGUAGES = (JAPANESE, EASY, ENGLISH)
# Slots (domain.yml): the resident's choice, and the script of the last typed message.
CHOSEN_SLOT = "language"
DETECTED_SLOT = "detected_language"
# The key of a message's metadata where a channel puts its starting choice.
CHANNEL_LANGUAGE = "language"
# The key of an answer (bot.nlg) that tells the output channel the answer's language.
ANSWER_LANGUAGE = "language"
# Markup, code and links are not a language: they get the Japanese answers.
NOT_PROSE = re.compile(r"[<>{}=\\/@]")
# Words: runs of two or more letters of any alphabet (digits and codes are not words).
WORD = re.compile(r"[^\W\d_]{2,}")
LONE_WORD_LETTERS = 5
# Short English words a resident may open with (a Japanese resident does not type "hi").
LATIN_WORDS = frozenset({"hi", "hello", "yes", "thanks", "thx", "bye", "help"})
# Chinese is written in kanji without kana. These characters are Chinese only: simplified
# forms Japanese writes otherwise (这, not 這; 问, not 問), traditional ones Japanese writes
# simpler (險, not 険) and Chinese function words (吗, 们, 呢). Japanese typed without kana
# (「件数」「補償は？」) has none of them.
CHINESE_ONLY = frozenset("们吗呢么这谁哪啥怎吧您你她说话问题电时间码过还给让对为样个请险疗应该资讯嗎們麼這說沒妳號應險")
# Chinese words made of characters Japanese shares, which Japanese does not write (Japanese
# says 情報, 個人情報, 漏洩 and 私の): 「個人信息洩漏」「我的資料外洩」「個人資料」 are Chinese.
CHINESE_ONLY_WORDS = ("我的", "你的", "他的", "信息", "個人資料", "外洩", "外泄", "洩漏", "泄漏", "泄露", "洩露",
                      "没有", "可以", "請問")


def is_kana(ch: str) -> bool:
    return "\u3040" <= ch <= "\u30ff" or "\uff66" <= ch <= "\uff9f"


def is_japanese_letter(ch: str) -> bool:
    """Kana, kanji (unified and compatibility) and Japanese iteration marks."""
    return is_kana(ch) or "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or ch in "々〆"


def is_chinese(text: str) -> bool:
    """Kanji with no kana, and a character or a word only Chinese writes."""
    return not any(is_kana(ch) for ch in text) and (any(ch in CHINESE_ONLY for ch in text)
                                                    or any(word in text for word in CHINESE_ONLY_WORDS))


def is_latin(word: str) -> bool:
    return all(ch.isascii() or "\u00c0" <= ch <= "\u024f" for ch in word)


def detect(text: str) -> Optional[str]:
    """"ja" for a message with any kana or kanji; "en" for prose in Latin letters; "other"
    for Chinese and for prose in another alphabet (Korean, say); None for what is no
    language (a button's payload, digits, codes, markup, emoji, a lone abbreviation such
    as NTT)."""
    if not text or text.startswith("/"):
        return None
    if any(is_japanese_letter(ch) for ch in text):
        return "other" if is_chinese(text) else JAPANESE
    if NOT_PROSE.search(text):
        return None
    words = WORD.findall(text)
    prose = (len(words) >= 2 or (len(words) == 1 and len(words[0]) >= LONE_WORD_LETTERS
                                 and not any(ch.isdigit() for ch in text))
             or (len(words) == 1 and words[0].lower() in LATIN_WORDS))
    if not prose:
        return None
    return ENGLISH if all(is_latin(word) for word in words) else "other"


def answer_language(slots: Mapping[str, Any], metadata: Optional[Mapping[str, Any]] = None) -> str:
    """The language of the next answer, from the conversation's slots and the latest
    message's metadata, where a channel puts its starting choice (see the module's
    docstring)."""
    if slots.get(DETECTED_SLOT) == ENGLISH:
        return ENGLISH
    for choice in (slots.get(CHOSEN_SLOT), (metadata or {}).get(CHANNEL_LANGUAGE)):
        if choice in LANGUAGES:
            return choice
    return JAPANESE


def from_profile(profile_language: Any) -> Optional[str]:
    """LINE's profile language ("ja", "en", "zh-Hant", …) as a starting choice: Japanese
    for Japanese, English for any other (the languages the answers are written in)."""
    if not isinstance(profile_language, str) or not profile_language:
        return None
    return JAPANESE if profile_language.lower().startswith("ja") else ENGLISH
