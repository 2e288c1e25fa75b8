"""Commands are matched whole: 「やめる」 always stops; a question that mentions one does not."""
import pytest

from bot.nlu.commands import command_intent


@pytest.mark.parametrize("text", ["やめる", "キャンセル", "やっぱりいいです", "やめる。", "ｷｬﾝｾﾙ", " 中止！", "ストップ"])
def test_commands_stop(text):
    assert command_intent(text) == "stop"


@pytest.mark.parametrize("text", ["キャンセル料はかかりますか", "やめるとどうなるの", "何件漏れたの", ""])
def test_questions_are_left_to_the_model(text):
    assert command_intent(text) == ""
