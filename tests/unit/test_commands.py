"""Commands and the set phrases of small talk are matched whole: 「やめる」 always stops,
「おやすみなさい」 is a goodbye; a question that mentions one is left to the model."""
import pytest
from hypothesis import given, strategies as st

from bench import quality
from bot.nlu.commands import command_intent, commands


@pytest.mark.parametrize("text", ["やめる", "キャンセル", "やっぱりいいです", "やめる。", "ｷｬﾝｾﾙ", " 中止！", "ストップ",
                                  "もうええわ", "Never mind.", "yamete"])
def test_commands_stop(text):
    assert command_intent(text) == "stop"


@pytest.mark.parametrize("text", ["キャンセル料はかかりますか", "やめるとどうなるの", "何件漏れたの", ""])
def test_questions_are_left_to_the_model(text):
    assert command_intent(text) == ""


@pytest.mark.parametrize("text, intent", [
    ("はじめまして", "greet"), ("こんばんわー", "greet"), ("Hello?", "greet"), ("ｺﾝﾆﾁﾊ", "greet"),
    ("おやすみなさい🌙", "goodbye"), ("では失礼します。", "goodbye"), ("Take care!", "goodbye"),
    ("ありがとうございました😊", "thank"), ("Thank you so much!!", "thank"), ("  助かりました ", "thank"),
    # Typed in kana, as on a flip phone.
    ("ｼﾂﾚｲｼﾏｽ", "goodbye"), ("たすかりました", "thank"), ("よろしくおねがいします", "greet"),
])
def test_small_talk_set_phrases_are_matched_whole(text, intent):
    assert command_intent(text) == intent


@pytest.mark.parametrize("text", ["こんにちは、何件漏れたんですか", "hello, who do I call?",
                                  "ありがとうございます。補償はありますか", "おやすみの日も電話できますか",
                                  "🙏", "ー〜"])
def test_set_phrases_inside_a_question_are_left_to_the_model(text):
    assert command_intent(text) == ""


def test_set_phrases_agree_with_the_training_data():
    # A phrase matched whole overrides the model: it must never contradict an example.
    contradictions = [(text, intent, command_intent(text)) for text, intent in quality.training_examples()
                      if command_intent(text) not in ("", intent)]
    assert contradictions == []


@given(st.text(max_size=60))
def test_any_text_is_a_known_intent_or_left_to_the_model(text):
    assert command_intent(text) in {"", *(command.intent for command in commands().values())}
