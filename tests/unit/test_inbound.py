"""The door: what cannot be a resident's message is refused, whatever it is."""
import pytest
from hypothesis import given, strategies as st

from bot.inbound import MAX_MESSAGE_CHARS, Refused, checked_sender, checked_text, refusal_text, same_secret


@pytest.mark.parametrize(
    "value, reason",
    [("\ud800", "bad_characters"), ("a\x00b", "bad_characters"), ("\x1b[31m", "bad_characters"),
     (42, "bad_request"), (None, "bad_request"), (["x"], "bad_request"),
     ("あ" * (MAX_MESSAGE_CHARS + 1), "message_too_long")],
)
def test_refused_with_a_japanese_reason(value, reason):
    with pytest.raises(Refused) as refused:
        checked_text(value)
    assert refused.value.reason == reason
    assert any("\u3040" <= ch <= "\u30ff" for ch in refusal_text(refused.value))


@pytest.mark.parametrize("text", ["何件漏れたの？", "", "😀🙏", "<script>x</script>", "行1\n行2\t", "ｈｅｌｌｏ"])
def test_ordinary_text_passes(text):
    assert checked_text(text) == text


@pytest.mark.parametrize("sender", ["", "   ", "x" * 129, "\ud800", "a\x00", 7])
def test_bad_senders_are_refused(sender):
    with pytest.raises(Refused):
        checked_sender(sender)


@given(st.one_of(st.text(st.characters(blacklist_categories=())), st.binary(), st.integers(),
                 st.none(), st.lists(st.text())))
def test_any_value_is_passed_or_refused_never_crashes(value):
    try:
        assert checked_text(value) == value
    except Refused:
        pass


@given(st.text(st.characters(blacklist_categories=())))
def test_token_comparison_takes_any_text(given_token):
    assert same_secret(given_token, "expected-token") is (given_token == "expected-token")
    assert same_secret(None, "x") is False and same_secret("x", "") is False
