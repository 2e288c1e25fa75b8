"""A fact changed by the city's staff in the browser: an editor proposes the call center's
new hours with the updated announcement's sentence, an approver approves, and within
seconds the widget, the REST channel and the phone-status answer use them, with no
retraining and no restart; then a rollback restores the old answer."""
import time

from playwright.sync_api import Browser, Page, expect

from tests.browser.test_widget import BOT, ask as ask_widget, open_widget
from tests.server.test_fact_changes import HOURS, WITHIN_SECONDS, wait_for

NEW_VALUE = "9時～22時"


def log_in(page: Page, web: str, name: str, password: str) -> None:
    page.goto(f"{web}/staff/")
    page.get_by_label("職員ID").fill(name)
    page.get_by_label("パスワード").fill(password)
    page.get_by_role("button", name="ログイン").click()
    page.get_by_role("link", name="事実の更新").click()
    expect(page.get_by_role("heading", name="事実の更新（提案と承認）")).to_be_visible()


def staff_page(browser: Browser) -> Page:
    return browser.new_context(locale="ja-JP", viewport={"width": 1280, "height": 800}).new_page()


def test_an_editor_and_an_approver_change_the_hours_residents_see(browser, page, web, reviewers, ask, facts):
    old_value = facts[HOURS].value
    # The updated announcement's sentence: the old one with the new hours.
    new_source = facts[HOURS].source.replace(old_value, NEW_VALUE)
    editor = staff_page(browser)
    log_in(editor, web, "editor1", reviewers["editor1"])
    editor.get_by_label("事実を選ぶ").select_option(HOURS)
    expect(editor.locator("#current")).to_contain_text(old_value)
    editor.get_by_label("新しい内容", exact=True).fill(NEW_VALUE)
    editor.get_by_label("受付終了の時刻").fill("22:00")
    editor.get_by_label("新しい出典").fill(new_source)
    editor.get_by_label("その発表の日付").fill("2023-12-01")
    editor.get_by_label("変更の理由").fill("年末の受付時間の延長")
    # The preview shows the answers as residents will get them, before anything changes.
    expect(editor.locator("#preview")).to_contain_text(
        f"特設コールセンター（{facts['call_center_phone'].value}）：{NEW_VALUE}")
    expect(editor.locator("#problems")).to_be_empty()
    editor.screenshot(path="reports/screenshots/facts_page_editor.png", full_page=True)
    editor.get_by_role("button", name="提案する").click()
    expect(editor.locator("#status")).to_contain_text("提案しました")
    # The editor cannot approve: there is no approve button for them.
    expect(editor.locator("#pending-list [data-action='approve']")).to_have_count(0)
    assert NEW_VALUE not in ask("受付時間を教えて")

    approver = staff_page(browser)
    log_in(approver, web, "approver1", reviewers["approver1"])
    proposal = approver.locator("#pending-list .proposal").filter(has_text=NEW_VALUE)
    expect(proposal).to_contain_text("年末の受付時間の延長")
    proposal.get_by_label("コメント").fill("発表を確認しました")
    approver.screenshot(path="reports/screenshots/facts_page_approver.png", full_page=True)
    proposal.get_by_role("button", name="承認する").click()
    expect(approver.locator("#status")).to_contain_text("承認しました")
    approved_at = time.monotonic()
    try:
        took = wait_for(lambda: NEW_VALUE in ask("受付時間を教えて"), WITHIN_SECONDS)
        print(f"REST answered with the new hours {took:.1f} s after approval")
        assert f"（{NEW_VALUE}）" in ask("今電話つながりますか")
        open_widget(page, web)
        ask_widget(page, "特設コールセンターの受付時間は？")
        expect(page.locator(BOT).last).to_contain_text(NEW_VALUE)
        assert time.monotonic() - approved_at < WITHIN_SECONDS + 10
    finally:
        # Roll back through the page: the earlier version, proposed by the editor,
        # approved by the second approver.
        editor.reload()
        editor.get_by_label("事実を選ぶ").select_option(HOURS)
        earlier = editor.locator("#history-list li").filter(has_text=old_value).first
        earlier.get_by_label("戻す理由").fill("延長の終了")
        earlier.get_by_role("button", name="この版に戻す提案").click()
        expect(editor.locator("#status")).to_contain_text("提案しました")
        second = staff_page(browser)
        log_in(second, web, "approver2", reviewers["approver2"])
        second.locator("#pending-list .proposal").filter(has_text=old_value).get_by_role(
            "button", name="承認する").click()
        expect(second.locator("#status")).to_contain_text("承認しました")
    wait_for(lambda: old_value in ask("受付時間を教えて"), WITHIN_SECONDS)
    for extra in (editor, approver, second):
        extra.context.close()
