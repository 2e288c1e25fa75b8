"""The widget's language switch, in a browser at 360 px, as a foreign resident uses it."""
from playwright.sync_api import Browser, expect

from bot.facts import REPO_ROOT
from bot.registry import demo
from tests.browser.test_widget import BOT, ask, open_widget

RECORD = next(demo.records(1))


def phone(browser: Browser):
    return browser.new_context(locale="en-US", viewport={"width": 360, "height": 740}).new_page()


def test_a_resident_switches_to_english_and_asks_what_leaked_whom_to_call_and_if_affected(browser, web, facts):
    page = phone(browser)
    open_widget(page, web)
    switch = page.get_by_role("group", name="答えの言葉 / Language")
    switch.get_by_role("button", name="English").click()
    expect(switch.get_by_role("button", name="English")).to_have_attribute("aria-pressed", "true")
    expect(switch.get_by_role("button", name="日本語")).to_have_attribute("aria-pressed", "false")
    # The reply that says so is in the log, which screen readers read out.
    expect(page.locator(BOT).last).to_contain_text("I will answer in English")
    expect(page.locator(".nrt-chat-log")).to_have_attribute("aria-live", "polite")

    ask(page, "what was leaked")
    expect(page.locator(BOT).last).to_contain_text(facts["leaked_items"].translations["en"])
    expect(page.get_by_role("button", name="Yes").last).to_be_visible()
    ask(page, "who should i call")
    expect(page.locator(BOT).last).to_contain_text(facts["call_center_phone"].value)
    expect(page.locator(BOT).last.locator("a[href^='tel:']").first).to_be_visible()
    ask(page, "am i affected")
    expect(page.locator(BOT).last).to_contain_text("type your address")
    ask(page, RECORD[2])
    expect(page.locator(BOT).last).to_contain_text("date of birth")
    ask(page, RECORD[3])
    expect(page.locator(BOT).last).to_contain_text("match a record")
    page.screenshot(path=str(REPO_ROOT / "reports" / "screenshots" / "phone_360px_english.png"))
    # The choice stays after a reload.
    page.reload()
    expect(page.get_by_role("button", name="English")).to_have_attribute("aria-pressed", "true")
    page.context.close()


def test_the_same_in_easy_japanese(browser, web, facts):
    page = phone(browser)
    open_widget(page, web)
    page.get_by_role("button", name="やさしい にほんご").click()
    expect(page.locator(BOT).last).to_contain_text("やさしい　にほんごで　こたえます")
    ask(page, "なにが　もれたの")
    expect(page.locator(BOT).last).to_contain_text(facts["leaked_items"].translations["easy"])
    ask(page, "といあわせは　どこ")
    expect(page.locator(BOT).last).to_contain_text(facts["city_window_phone"].value)
    ask(page, "わたしは　たいしょうですか")
    expect(page.locator(BOT).last).to_contain_text("じゅうしょを　かいて")
    page.screenshot(path=str(REPO_ROOT / "reports" / "screenshots" / "phone_360px_easy.png"))
    page.context.close()
