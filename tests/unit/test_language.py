"""Which messages are not Japanese: a script rule, measured on short messages."""
import pytest

from bot.nlu.language import not_japanese

FOREIGN = ["How many people were affected?", "who should I call", "Is my data leaked?", "hello",
           "Thank you very much", "compensation?", "English please", "개인정보가 유출됐나요?",
           "What about my bank account", "phone number please"]
JAPANESE = ["何件漏れたの？", "なに　もれた　の", "ﾅﾆｶﾞﾓﾚﾀﾉ", "NTTって何", "メールで問い合わせできる？",
            "OKです", "e-mailアドレスも漏れた？", "ありがとう", "/ask_record_count", "088-684-1360",
            "NTT", "ok", "😀", "", "<script>alert('x')</script>", "<img src=x onerror=alert(1)>",
            "ID: a1b2c3", "https://example.jp/a", "A123456"]


@pytest.mark.parametrize("text", FOREIGN)
def test_foreign_messages_are_recognized(text):
    assert not_japanese(text)


@pytest.mark.parametrize("text", JAPANESE)
def test_a_japanese_message_is_never_taken_for_a_foreign_one(text):
    assert not not_japanese(text)
