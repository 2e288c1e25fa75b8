"""The chat widget in a real browser, as a resident uses it."""
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

INPUT = "#nrt-chat-input"
BOT = ".nrt-chat-bot .nrt-chat-text"
USER = ".nrt-chat-user .nrt-chat-text"


def open_widget(page: Page, web: str) -> None:
    """The demo page opens the panel; the assistant greets before anything is typed."""
    page.goto(web + "/")
    expect(page.locator(INPUT)).to_be_visible()
    expect(page.locator(BOT).first).to_contain_text("こんにちは")


def ask(page: Page, text: str) -> None:
    page.locator(INPUT).fill(text)
    page.locator(INPUT).press("Enter")


def hold_the_next_answer(page: Page, webhook: str) -> list:
    """The next request to the assistant waits (a busy server) until the test continues it."""
    held = []

    def hold_first(route):
        if held:
            route.continue_()
        else:
            held.append(route)

    page.route(webhook, hold_first)
    return held


def test_a_resident_asks_and_gets_the_answer(page, web, facts):
    open_widget(page, web)
    ask(page, "何件漏れたの？")
    expect(page.locator(BOT).last).to_contain_text(facts["record_count"].value)
    expect(page.locator(USER).last).to_have_text("何件漏れたの？")


def test_enter_while_the_ime_is_composing_does_not_send(page, web):
    open_widget(page, web)
    page.locator(INPUT).focus()
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.imeSetComposition", {"text": "なんけん", "selectionStart": 4, "selectionEnd": 4})
    page.keyboard.press("Enter")
    page.wait_for_timeout(500)
    expect(page.locator(USER)).to_have_count(0)
    cdp.send("Input.insertText", {"text": "何件"})
    expect(page.locator(INPUT)).to_have_value(re.compile("何件"))
    page.keyboard.press("Enter")
    expect(page.locator(USER)).to_have_count(1)


def test_shift_enter_makes_a_new_line(page, web):
    open_widget(page, web)
    page.locator(INPUT).type("一行目")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("二行目")
    expect(page.locator(INPUT)).to_have_value("一行目\n二行目")
    expect(page.locator(USER)).to_have_count(0)


def test_markup_from_anyone_stays_text_and_links_are_safe(page, web, assistant):
    hostile = "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">"
    open_widget(page, web)
    page.route(f"{assistant.base_url}/webhooks/rest/webhook", lambda route: route.fulfill(
        json=[{"recipient_id": "x", "text": hostile + " 詳しくは https://example.invalid/page まで javascript:alert(3)"}]))
    ask(page, "<img src=x onerror=\"window.__xss=4\">")
    expect(page.locator(BOT).last).to_contain_text("<script>window.__xss=1</script>")
    expect(page.locator(USER).last).to_have_text("<img src=x onerror=\"window.__xss=4\">")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xss") is None
    link = page.locator(".nrt-chat-link")
    expect(link).to_have_count(1)
    expect(link).to_have_attribute("href", "https://example.invalid/page")
    expect(link).to_have_attribute("rel", re.compile("noopener"))


def test_quick_reply_buttons_are_clickable(page, web, facts):
    open_widget(page, web)
    ask(page, "こんにちは")
    page.get_by_role("button", name="問い合わせ先").last.click()
    expect(page.locator(BOT).last).to_contain_text(facts["city_window_phone"].value)


def test_the_conversation_survives_a_reload_and_restarts_on_request(page, web):
    open_widget(page, web)
    ask(page, "原因は？")
    expect(page.locator(BOT)).to_have_count(2)
    page.reload()
    expect(page.locator(USER)).to_have_text(["原因は？"])
    expect(page.locator(BOT)).to_have_count(2)
    page.get_by_role("button", name="最初から").click()
    # A new conversation, greeted again.
    expect(page.locator(USER)).to_have_count(0)
    expect(page.locator(BOT)).to_have_count(1)
    expect(page.locator(BOT).first).to_contain_text("こんにちは")


def test_the_address_answer_is_not_kept_in_the_browser(page, web):
    open_widget(page, web)
    ask(page, "私は対象ですか")
    expect(page.locator(BOT).last).to_contain_text("住所")
    ask(page, "大麻町板東字中筋12番地3")
    expect(page.locator(BOT).last).to_contain_text("生年月日")
    expect(page.locator(USER).last).to_have_text("大麻町板東字中筋12番地3")
    stored = page.evaluate("sessionStorage.getItem('naruto-leak-chat-v1')")
    assert "中筋" not in stored and "保存していません" in stored


def test_when_the_server_cannot_be_reached_the_phones_are_given_and_retry_works(page, web, assistant, facts):
    open_widget(page, web)
    webhook = f"{assistant.base_url}/webhooks/rest/webhook"
    page.route(webhook, lambda route: route.abort())
    ask(page, "何件漏れたの？")
    expect(page.locator(BOT).last).to_contain_text(facts["city_window_phone"].value)
    expect(page.locator(BOT).last).to_contain_text(facts["call_center_phone"].value)
    page.unroute(webhook)
    page.get_by_role("button", name="もう一度送る").click()
    expect(page.locator(BOT).last).to_contain_text(facts["record_count"].value)


def test_an_address_typed_before_it_is_asked_for_is_not_kept_in_the_browser(page, web, assistant):
    open_widget(page, web)
    held = hold_the_next_answer(page, f"{assistant.base_url}/webhooks/rest/webhook")
    ask(page, "私は対象ですか")
    # The resident types the address before the question for it arrives.
    page.wait_for_function("() => document.querySelector('.nrt-chat-send').disabled")
    ask(page, "大麻町板東字中筋12番地3")
    held[0].continue_()
    expect(page.locator(BOT).last).to_contain_text("生年月日")
    stored = page.evaluate("sessionStorage.getItem('naruto-leak-chat-v1')")
    assert "中筋" not in stored and "保存していません" in stored


def test_a_question_sent_before_the_greeting_arrives_is_answered_after_it(page, web, assistant, facts):
    # A resident types at once; the greeting is slow to come (a busy server).
    held = hold_the_next_answer(page, f"{assistant.base_url}/webhooks/rest/webhook")
    page.goto(web + "/")
    expect(page.locator(INPUT)).to_be_visible()
    page.wait_for_function("() => document.querySelector('.nrt-chat-send').disabled")
    ask(page, "メールアドレスは？")
    page.wait_for_timeout(300)
    expect(page.locator(USER)).to_have_count(0)
    held[0].continue_()
    expect(page.locator(BOT).last).to_contain_text(facts["section_email"].value)
    expect(page.locator(USER)).to_have_text(["メールアドレスは？"])
    expect(page.locator(INPUT)).to_have_value("")


def test_keyboard_alone_is_enough(page, web, facts):
    page.goto(web + "/")
    page.get_by_role("button", name="閉じる").click()
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.className") == "nrt-chat-toggle":
            break
    page.keyboard.press("Enter")
    expect(page.locator(INPUT)).to_be_focused()
    page.keyboard.type("メールアドレスは？")
    page.keyboard.press("Enter")
    expect(page.locator(BOT).last).to_contain_text(facts["section_email"].value)
    page.keyboard.press("Escape")
    expect(page.locator(".nrt-chat-toggle")).to_be_focused()


def test_text_size_can_be_made_larger(page, web):
    open_widget(page, web)
    size = lambda: page.evaluate("parseFloat(getComputedStyle(document.querySelector('.nrt-chat')).fontSize)")
    before = size()
    page.get_by_role("button", name="文字を大きく").click()
    page.get_by_role("button", name="文字を大きく").click()
    assert size() >= before * 1.25


def test_a_360px_phone_loses_nothing(browser, web, facts):
    context = browser.new_context(locale="ja-JP", viewport={"width": 360, "height": 740},
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    open_widget(page, web)
    ask(page, "問い合わせ先は？")
    expect(page.locator(BOT).last).to_contain_text(facts["call_center_phone"].value)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    for selector in (INPUT, ".nrt-chat-send", ".nrt-chat-tool"):
        box = page.locator(selector).first.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360
    page.screenshot(path="reports/screenshots/phone_360px.png")
    context.close()


@pytest.mark.parametrize("panel_open", [True, False])
def test_axe_finds_no_serious_or_critical_violation(page, web, panel_open):
    open_widget(page, web)
    ask(page, "こんにちは")
    expect(page.locator(BOT)).to_have_count(2)
    if not panel_open:
        page.get_by_role("button", name="閉じる").click()
    violations = Axe().run(page).response["violations"]
    serious = [(v["id"], v["impact"]) for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious


def test_the_chat_greets_on_open_with_what_it_can_do_and_buttons(page, web):
    open_widget(page, web)
    greeting = page.locator(".nrt-chat-bot").first
    expect(greeting).to_contain_text("口座やカードの番号をお聞きすることはありません")
    expect(greeting).to_contain_text("補償")
    expect(greeting.locator(".nrt-chat-choice")).to_have_count(5)
    expect(page.locator(USER)).to_have_count(0)


def test_phone_numbers_dial_and_never_break_at_360px(browser, web, facts):
    context = browser.new_context(locale="ja-JP", viewport={"width": 360, "height": 740},
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    open_widget(page, web)
    ask(page, "問い合わせ先は？")
    phone = facts["city_window_phone"].value
    link = page.locator(f".nrt-chat-bot a[href='tel:{phone.replace('-', '')}']").last
    expect(link).to_have_text(phone)
    assert link.evaluate("node => node.getClientRects().length") == 1, "the number wraps"
    ask(page, "メールで問い合わせできる？")
    expect(page.locator(f"a[href='mailto:{facts['section_email'].value}']").last).to_be_visible()
    page.screenshot(path="reports/screenshots/phone_360px_contacts.png")
    context.close()


def test_after_a_reload_the_latest_message_is_in_view(page, web):
    open_widget(page, web)
    for question in ("原因は？", "何件漏れたの？", "問い合わせ先は？", "再発防止策は？"):
        ask(page, question)
        expect(page.locator(USER).last).to_have_text(question)
        expect(page.locator(BOT)).to_have_count(page.locator(USER).count() + 1)
    page.reload()
    expect(page.locator(USER)).to_have_count(4)
    at_bottom = page.evaluate("(() => { const log = document.querySelector('.nrt-chat-log');"
                              " return log.scrollTop + log.clientHeight >= log.scrollHeight - 2; })()")
    assert at_bottom


def test_enter_while_an_answer_is_coming_sends_nothing_more(page, web, assistant):
    open_widget(page, web)
    held = []
    page.route(f"{assistant.base_url}/webhooks/rest/webhook", lambda route: held.append(route))
    ask(page, "何件漏れたの？")
    page.wait_for_timeout(200)
    page.locator(INPUT).fill("何件漏れたの？")
    page.locator(INPUT).press("Enter")
    page.locator(INPUT).press("Enter")
    page.wait_for_timeout(300)
    expect(page.locator(USER)).to_have_count(1)
    assert len(held) == 1
    held[0].continue_()


def test_at_200_percent_zoom_the_conversation_stays_usable(browser, web, facts):
    # A 1280x800 desktop at 200% zoom lays pages out like a 640x400 window.
    context = browser.new_context(locale="ja-JP", viewport={"width": 640, "height": 400},
                                  device_scale_factor=2)
    page = context.new_page()
    open_widget(page, web)
    ask(page, "何件漏れたの？")
    expect(page.locator(BOT).last).to_contain_text(facts["record_count"].value)
    log = page.locator(".nrt-chat-log").bounding_box()
    assert log["height"] >= 120, log
    for selector in (INPUT, ".nrt-chat-send"):
        box = page.locator(selector).bounding_box()
        assert box["y"] + box["height"] <= 400, selector
    page.screenshot(path="reports/screenshots/desktop_200_percent.png")
    context.close()


def test_the_input_says_what_is_asked_and_stopping_is_one_tap(page, web):
    open_widget(page, web)
    ask(page, "私は対象ですか")
    expect(page.locator(".nrt-chat-label")).to_have_text("ご住所を入力（町名と番地まで）")
    stop = page.get_by_role("button", name="確認をやめる")
    expect(stop).to_be_visible()
    stop.click()
    expect(page.locator(BOT).last).to_contain_text("中止しました")
    expect(stop).to_be_hidden()
    expect(page.locator(".nrt-chat-label")).to_have_text("ご質問を入力")
