"""Links to the check page: signed, single-use, expiring; any text is safely refused."""
import time

import pytest

from bot.registry import check_link


def test_a_link_works_once(key, store):
    token = check_link.issue(key, actor="a1")
    assert check_link.usable(key, token, store).actor == "a1"
    assert check_link.consume(key, token, store).actor == "a1"
    assert check_link.consume(key, token, store) is None
    assert check_link.usable(key, token, store) is None


def test_an_expired_link_is_refused(key, store):
    token = check_link.issue(key, actor="a1", now=time.time() - 3600)
    assert check_link.consume(key, token, store) is None


@pytest.mark.parametrize("garbage", ["", "garbage", "ä.ö", "\ud800.x", "a.b.c", "漢字", ".", "x" * 5000])
def test_a_forged_altered_or_garbage_link_is_refused(key, store, garbage):
    token = check_link.issue(key, actor="a1")
    body, signature = token.split(".")
    assert check_link.verify(key, f"{body}x.{signature}") is None
    assert check_link.verify(b"other-key-" + b"z" * 32, token) is None
    assert check_link.verify(key, garbage) is None
    assert check_link.usable(key, garbage, store) is None


def test_the_link_url_carries_the_token(configure):
    configure(CHECK_PAGE_URL="https://example.invalid/check")
    assert check_link.link_url("abc.def").startswith("https://example.invalid/check?t=abc.def")
