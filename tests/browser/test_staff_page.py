"""A staff member's live call in the browser: log in, ask, read aloud, check a caller, log
the call, mostly from the keyboard, on one 1280×800 screen."""
import re
from typing import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from bot.registry import demo
from bot.facts import REPO_ROOT
from tests.browser.test_widget import BOT, ask, open_widget
from tests.support import STAFF_NAME, STAFF_PASSWORD

RECORD = next(demo.records(1))


@pytest.fixture
def desk(browser: Browser) -> Iterator[Page]:
    """An operator's desktop: 1280×800, clipboard allowed as an office browser would be."""
    context = browser.new_context(locale="ja-JP", viewport={"width": 1280, "height": 800},
                                  permissions=["clipboard-read", "clipboard-write"])
    yield context.new_page()
    context.close()


def log_in(page: Page, web: str) -> None:
    page.goto(f"{web}/staff/")
    page.get_by_label("職員ID").fill(STAFF_NAME)
    page.get_by_label("パスワード").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    expect(page.get_by_role("heading", name="職員用 応対支援")).to_be_visible()


def test_an_operator_takes_a_call_from_the_keyboard(desk, web, facts):
    log_in(desk, web)
    said = desk.get_by_label("お客様がおっしゃったこと")
    expect(said).to_be_focused()
    desk.keyboard.type("あの、漏れた件数って何件なんでしょうか")
    desk.keyboard.press("Control+Enter")
    expect(desk.locator(".suggestion").first).to_contain_text("件数")
    expect(desk.locator("#suggestions li")).to_have_count(3)
    # The script to read comes first, the chat's answer below it.
    expect(desk.locator("#read-aloud")).to_contain_text(facts["record_count"].value)
    expect(desk.locator("#answer")).to_contain_text(facts["record_count"].value)
    assert desk.locator("#read-aloud").bounding_box()["y"] < desk.locator("#answer").bounding_box()["y"]

    desk.get_by_role("button", name="回答をコピー").click()
    expect(desk.locator("#copy-notice")).to_have_text("コピーしました。")
    assert desk.evaluate("navigator.clipboard.readText()") == desk.locator("#answer").text_content()

    # One key logs the suggested topic, wherever the focus is; the confirmation offers undo.
    desk.keyboard.press("Alt+Enter")
    expect(desk.locator("#call-notice")).to_contain_text("「件数」を通話の記録に入れました。")
    desk.get_by_role("tab", name="本日の集計").click()
    row = desk.locator("#calls-table tr").filter(has=desk.locator("td", has_text=re.compile("^件数$")))
    expect(row).to_have_count(1)
    counted = int(row.locator("td").nth(1).text_content())
    desk.get_by_role("tab", name="応対").click()
    desk.locator("#call-notice").get_by_role("button", name="取り消す").click()
    expect(desk.locator("#call-notice")).to_have_text("記録を取り消しました。")
    desk.get_by_role("tab", name="本日の集計").click()
    if counted == 1:
        expect(row).to_have_count(0)
    else:
        expect(row.locator("td").nth(1)).to_have_text(str(counted - 1))


def test_the_caller_check_keeps_what_could_not_be_read_and_clears_after_an_answer(desk, web):
    log_in(desk, web)
    desk.locator("#check-address").fill("どこか遠く")
    desk.locator("#check-birthdate").fill(RECORD[3])
    desk.get_by_role("button", name="確認する").click()
    expect(desk.locator("#script")).to_contain_text("住所を読み取れませんでした")
    expect(desk.locator("#check-address")).to_have_value("どこか遠く")
    expect(desk.locator("#check-address")).to_be_focused()
    expect(desk.locator("#check-birthdate")).to_have_value(RECORD[3])
    # The operator corrects one field and asks again.
    desk.locator("#check-address").fill(RECORD[2])
    desk.get_by_role("button", name="確認する").click()
    expect(desk.locator("#script")).to_contain_text("一致しました")
    expect(desk.locator("#check-address")).to_have_value("")
    expect(desk.locator("#check-birthdate")).to_have_value("")
    desk.get_by_role("tab", name="本日の集計").click()
    expect(desk.locator("#audit-table")).to_contain_text(f"staff:{STAFF_NAME}")


def test_a_call_fits_one_1280_by_800_screen_and_the_rest_is_on_tabs(desk, web):
    log_in(desk, web)
    desk.get_by_label("お客様がおっしゃったこと").fill("どうして漏れたの。電話番号も漏れましたか。件数は？")
    desk.get_by_role("button", name="候補を表示").click()
    expect(desk.locator("#read-aloud")).not_to_be_empty()
    for part in ("#ask", "#check", "#calls"):
        box = desk.locator(part).bounding_box()
        assert box["y"] + box["height"] <= 800, part
    assert desk.evaluate("document.documentElement.scrollHeight") <= 800
    for hidden in ("#summary", "#unanswered", "#facts"):
        expect(desk.locator(hidden)).to_be_hidden()
    desk.get_by_role("tab", name="応対").focus()
    desk.keyboard.press("ArrowRight")
    expect(desk.get_by_role("tab", name="本日の集計")).to_have_attribute("aria-selected", "true")
    expect(desk.locator("#summary")).to_be_visible()
    desk.screenshot(path=str(REPO_ROOT / "reports" / "screenshots" / "staff_summary_1280.png"))
    desk.get_by_role("tab", name="応対").click()
    desk.screenshot(path=str(REPO_ROOT / "reports" / "screenshots" / "staff_call_1280.png"))
    serious = [(v["id"], v["impact"]) for v in Axe().run(desk).response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert not serious


def test_the_facts_sheet_finds_every_phone_number_by_the_word_phone(desk, web, facts):
    log_in(desk, web)
    desk.get_by_role("tab", name="事実一覧").click()
    desk.get_by_label("事実を検索").fill("電話")
    shown = " ".join(desk.locator(".fact:visible dt").all_text_contents())
    for fact_id, fact in facts.items():
        if fact_id.endswith("_phone"):
            assert fact.value in shown, fact_id
    desk.get_by_label("事実を検索").fill("指名停止")
    expect(desk.locator(".fact:visible")).to_have_count(1)
    expect(desk.locator(".fact:visible")).to_contain_text(facts["city_stance"].value)


def test_a_residents_no_in_the_widget_shows_in_the_staff_summary(browser, desk, web):
    resident = browser.new_context(locale="ja-JP", viewport={"width": 360, "height": 740}).new_page()
    open_widget(resident, web)
    ask(resident, "原因は何ですか")
    resident.get_by_role("button", name="いいえ").last.click()
    expect(resident.locator(BOT).last).to_contain_text("お役に立てず")
    resident.context.close()

    log_in(desk, web)
    desk.get_by_role("tab", name="本日の集計").click()
    row = desk.locator("#feedback-table tr").filter(has=desk.locator("td", has_text=re.compile("^原因$")))
    expect(row).to_be_visible()
    assert int(row.locator("td").nth(2).text_content()) >= 1


def test_every_staff_page_without_a_login_shows_only_the_login(page, web):
    for path in ("/staff/", "/staff/api/facts", "/staff/api/summary", "/staff/summary.csv"):
        response = page.goto(f"{web}{path}")
        assert response.status in (200, 401)
        assert "data-config" not in page.content()
        assert "0120" not in page.content()
