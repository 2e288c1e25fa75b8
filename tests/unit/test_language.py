"""Which language a message is in (a script rule), and which language the answer is in."""
import pytest
import yaml
from hypothesis import assume, given, strategies as st

from bot.facts import REPO_ROOT
from bot.language import CHANNEL_LANGUAGE, answer_language, detect, from_profile
from bot.nlu.commands import command_of

ENGLISH = ["How many people were affected?", "who should I call", "Is my data leaked?", "hello",
           "Thank you very much", "compensation?", "English please", "What about my bank account",
           "phone number please", "hi", "I live in Muya town", "Você pode me ajudar"]
JAPANESE = ["何件漏れたの？", "なに　もれた　の", "ﾅﾆｶﾞﾓﾚﾀﾉ", "NTTって何", "メールで問い合わせできる？",
            "OKです", "e-mailアドレスも漏れた？", "ありがとう", "phone numberも流出した？",
            "My Numberは大丈夫？", "LINEで確認できる？"]
NO_LANGUAGE = ["/ask_record_count", "012-345-6789", "NTT", "ok", "😀", "", "<script>alert('x')</script>",
               "<img src=x onerror=alert(1)>", "ID: a1b2c3", "https://example.jp/a", "A123456",
               '/choose_language{"language": "en"}']


@pytest.mark.parametrize("text", ENGLISH)
def test_english_messages_are_recognized(text):
    assert detect(text) == "en"


@pytest.mark.parametrize("text", JAPANESE)
def test_a_message_with_any_japanese_is_japanese(text):
    assert detect(text) == "ja"


@pytest.mark.parametrize("text", NO_LANGUAGE)
def test_codes_markup_numbers_and_payloads_are_no_language(text):
    assert detect(text) is None


# Chinese, simplified and traditional, and Japanese typed in kanji alone.
CHINESE = ["我的个人信息泄露了吗？", "我应该打电话给谁", "这是什么", "谁的资料被泄露了", "我的資料有沒有被洩漏",
           "請問電話號碼", "國民健康保險資料外洩", "個人信息洩漏", "我的資料", "可以打電話", "住址没有",
           "個人資料"]
KANJI_ONLY_JAPANESE = ["件数", "原因は？", "補償", "対象者確認", "個人情報漏洩", "国保　流出　件数", "誰が対象",
                       "没収", "電話番号", "問合先", "再発防止策", "情報漏泄", "資料請求", "信用情報", "外部流出",
                       "可否", "我が家", "國分"]


@pytest.mark.parametrize("text", ["개인정보가 유출됐나요?", *CHINESE])
def test_another_language_is_neither(text):
    assert detect(text) == "other"


@pytest.mark.parametrize("text", KANJI_ONLY_JAPANESE)
def test_japanese_without_kana_is_japanese(text):
    assert detect(text) == "ja"


@given(st.text(min_size=1, max_size=200), st.sampled_from("漏件"))
def test_a_kanji_anywhere_is_never_taken_for_english(text, letter):
    message = text[:len(text) // 2] + letter + text[len(text) // 2:]
    assume(not message.startswith("/"))  # a button's payload, not typed text
    assert detect(message) != "en"


@given(st.text(min_size=1, max_size=200), st.sampled_from("れたのあア"))
def test_a_kana_anywhere_is_japanese(text, letter):
    message = text[:len(text) // 2] + letter + text[len(text) // 2:]
    assume(not message.startswith("/"))
    assert detect(message) == "ja"


def test_the_labelled_short_messages_never_switch_a_japanese_one_to_english():
    labelled = yaml.safe_load((REPO_ROOT / "tests" / "nlu" / "language_id.yml").read_text(encoding="utf-8"))
    japanese = [m["text"] for m in labelled["messages"] if m["language"] == "ja"]
    assert len(japanese) >= 100
    assert not [text for text in japanese if detect(text) == "en"]


@pytest.mark.parametrize("slots, channel, expected", [
    ({}, None, "ja"),
    ({"detected_language": "en"}, None, "en"),
    ({"detected_language": "en", "language": "easy"}, None, "en"),
    ({"detected_language": "ja", "language": "easy"}, None, "easy"),
    ({"detected_language": "ja", "language": "en"}, None, "en"),
    ({"detected_language": "ja"}, "en", "en"),
    ({"language": "ja"}, "en", "ja"),
    ({"language": "xx"}, "zz", "ja"),
])
def test_the_answer_language_follows_the_message_then_the_choice_then_the_channel(slots, channel, expected):
    assert answer_language(slots, {CHANNEL_LANGUAGE: channel}) == expected


@pytest.mark.parametrize("profile, expected", [("ja", "ja"), ("en", "en"), ("zh-Hant", "en"),
                                                ("JA", "ja"), ("", None), (None, None), (3, None)])
def test_line_profile_languages(profile, expected):
    assert from_profile(profile) == expected


@pytest.mark.parametrize("typed, language", [("English please", "en"), ("english please!", "en"),
                                             ("やさしい日本語で", "easy"), ("やさしい　にほんご　で", "easy"),
                                             ("日本語で", "ja"), ("英語で", "en")])
def test_typed_language_choices_are_commands(typed, language):
    command = command_of(typed)
    assert command.intent == "choose_language" and command.entities["language"] == language
    assert command.entities["detected_language"] == ("en" if language == "en" else "ja")
