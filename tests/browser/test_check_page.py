"""The check page that residents open from LINE's single-use link."""
import time
from datetime import datetime

from playwright.sync_api import expect

from bot.registry import check_link, demo
from tests.browser.conftest import SCREENSHOTS
from tests.support import TEST_REGISTRY_KEY

KEY = TEST_REGISTRY_KEY.encode()
RECORD = next(demo.records(1))


def fill_and_submit(page, address: str, birthdate: str) -> None:
    page.get_by_label("ご住所").fill(address)
    page.get_by_label("生年月日").fill(birthdate)
    page.get_by_role("button", name="確認する").click()


def test_a_link_checks_once_with_the_chat_answer(page, web, facts):
    url = f"{web}/check?t={check_link.issue(KEY, actor='line-test-actor')}"
    page.goto(url)
    born = datetime.strptime(RECORD[3], "%Y/%m/%d").date()
    fill_and_submit(page, RECORD[2].replace("鳴門市", ""), f"{born.year}年{born.month}月{born.day}日")
    expect(page.locator(".result")).to_contain_text("一致しました")
    expect(page.locator(".result")).to_contain_text(facts["city_window_phone"].value)
    response = page.goto(url)
    assert response.status == 410
    expect(page.locator(".error")).to_contain_text("すでに使われています")


def test_a_typo_does_not_use_up_the_link(page, web):
    page.goto(f"{web}/check?t={check_link.issue(KEY, actor='line-test-actor-2')}")
    fill_and_submit(page, RECORD[2], "いつか")
    expect(page.locator(".error")).to_contain_text("生年月日を読み取れませんでした")
    fill_and_submit(page, RECORD[2], "1901/1/1")
    expect(page.locator(".result")).to_contain_text("見つかりませんでした")


def test_an_expired_or_forged_link_is_refused(page, web):
    expired = check_link.issue(KEY, actor="a", now=time.time() - 3600)
    for token in (expired, "forged.token"):
        response = page.goto(f"{web}/check?t={token}")
        assert response.status == 410
        expect(page.locator(".error")).to_contain_text("有効期限")


def test_an_english_link_opens_an_english_page_that_fits_a_phone(browser, web, facts):
    page = browser.new_context(locale="en-US", viewport={"width": 360, "height": 740}).new_page()
    page.goto(f"{web}/check?t={check_link.issue(KEY, actor='line-test-actor-3')}&lang=en")
    assert page.locator("html").get_attribute("lang") == "en"
    born = datetime.strptime(RECORD[3], "%Y/%m/%d").date()
    page.get_by_label("Your address").fill(RECORD[2])
    page.get_by_label("Date of birth").fill("Feb 30 1950")
    page.get_by_role("button", name="Check").click()
    expect(page.locator(".error")).to_contain_text("could not read the date of birth")
    # Nothing wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(SCREENSHOTS / "check_page_360px_english.png"), full_page=True)
    page.get_by_label("Your address").fill(RECORD[2])
    page.get_by_label("Date of birth").fill(born.strftime("%b %d %Y"))
    page.get_by_role("button", name="Check").click()
    expect(page.locator(".result")).to_contain_text("match a record of the leaked information")
    expect(page.locator(".result")).to_contain_text(facts["city_window_phone"].value)
