"""A staff member's day in the browser: log in, ask, check a caller, log the call."""
from playwright.sync_api import expect

from bot.registry import demo
from tests.support import STAFF_NAME, STAFF_PASSWORD

RECORD = next(demo.records(1))


def test_staff_member_uses_the_assist_page(page, web, facts):
    page.goto(f"{web}/staff/")
    page.get_by_label("職員ID").fill(STAFF_NAME)
    page.get_by_label("パスワード").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    expect(page.get_by_role("heading", name="職員用 応対支援")).to_be_visible()

    page.get_by_label("お客様がおっしゃったこと").fill("あの、漏れた件数って何件なんでしょうか")
    page.get_by_role("button", name="候補を表示").click()
    expect(page.locator(".suggestion").first).to_contain_text("件数")
    expect(page.locator("#suggestions li")).to_have_count(3)
    expect(page.locator("#answer")).to_contain_text(facts["record_count"].value)

    page.locator("#check-address").fill(RECORD[2])
    page.locator("#check-birthdate").fill(RECORD[3])
    page.get_by_role("button", name="確認する").click()
    expect(page.locator("#script")).to_contain_text("一致しました")
    expect(page.locator("#audit-table")).to_contain_text(f"staff:{STAFF_NAME}")
    expect(page.locator("#check-address")).to_have_value("")

    page.locator("button[data-topic='ask_prevention']").click()
    expect(page.locator("#calls-table")).to_contain_text("再発防止策")
    page.get_by_label("事実を検索").fill("指名停止")
    expect(page.locator(".fact:visible")).to_have_count(1)
    expect(page.locator(".fact:visible")).to_contain_text(facts["city_stance"].value)


def test_every_staff_page_without_a_login_shows_only_the_login(page, web):
    for path in ("/staff/", "/staff/api/facts", "/staff/api/summary", "/staff/summary.csv"):
        response = page.goto(f"{web}{path}")
        assert response.status in (200, 401)
        assert "data-config" not in page.content()
        assert "0120" not in page.content()
