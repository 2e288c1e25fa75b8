"""Links to the check page: signed, single-use, expiring."""
import time

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


def test_a_forged_or_altered_link_is_refused(key, store):
    token = check_link.issue(key, actor="a1")
    body, signature = token.split(".")
    assert check_link.verify(key, f"{body}x.{signature}") is None
    assert check_link.verify(b"other-key-" + b"z" * 32, token) is None
    assert check_link.verify(key, "") is None
    assert check_link.verify(key, "garbage") is None


def test_the_link_url_carries_the_token(key, monkeypatch):
    monkeypatch.setenv("CHECK_PAGE_URL", "https://example.invalid/check")
    assert check_link.link_url("abc.def").startswith("https://example.invalid/check?t=abc.def")
