"""The staff assist tool's pages and API, over HTTP as a browser would use them."""
import re
import subprocess
import sys
import uuid
from datetime import timedelta

import pytest
import requests

from bot.facts import REPO_ROOT
from bot.registry import demo
from bot.render import response_text
from bot.registry.store import RegistryStore
from bot.settings import settings
from bot.staff import store as staff_store
from bot.staff.store import StaffStore
from tests.support import STAFF_NAME, STAFF_PASSWORD

RECORD = next(demo.records(1))
API_GETS = ["/staff/api/facts", "/staff/api/audit", "/staff/api/summary", "/staff/summary.csv",
            "/staff/api/unanswered"]
API_POSTS = ["/staff/api/suggest", "/staff/api/check", "/staff/api/calls",
             "/staff/api/unanswered/export", "/staff/logout"]


def log_in(web: str, name: str = STAFF_NAME, password: str = STAFF_PASSWORD) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{web}/staff/")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    session.last = session.post(f"{web}/staff/login", data={"csrf": csrf, "name": name, "password": password})
    config = re.search(r'data-config="([^"]+)"', session.last.text)
    if config:
        session.headers["X-CSRF-Token"] = re.search(r"&quot;csrf&quot;: &quot;([^&]+)&quot;", config.group(1)).group(1)
    return session


@pytest.fixture
def staff(web) -> requests.Session:
    session = log_in(web)
    assert session.last.status_code == 200 and "X-CSRF-Token" in session.headers
    return session


@pytest.mark.parametrize("path", API_GETS)
def test_no_get_answers_without_a_login(web, path):
    assert requests.get(f"{web}{path}").status_code == 401


@pytest.mark.parametrize("path", API_POSTS)
def test_no_post_answers_without_a_login(web, path):
    assert requests.post(f"{web}{path}", json={}).status_code == 401


def test_the_staff_page_without_a_login_is_only_the_login_form(web):
    page = requests.get(f"{web}/staff/")
    assert "ログイン" in page.text and "data-config" not in page.text


def test_a_post_without_the_csrf_token_is_refused(web, staff):
    token = staff.headers.pop("X-CSRF-Token")
    assert staff.post(f"{web}/staff/api/calls", json={"topic": "ask_cause"}).status_code == 403
    staff.headers["X-CSRF-Token"] = token


def test_a_login_without_its_form_token_is_refused(web):
    response = requests.post(f"{web}/staff/login", data={"name": STAFF_NAME, "password": STAFF_PASSWORD})
    assert response.status_code == 403


def test_wrong_passwords_are_refused_then_the_account_is_locked(web, assistant):
    name = "locked-" + uuid.uuid4().hex[:6]
    subprocess.run([sys.executable, "-m", "bot.staff", "add-user", name, "--password-stdin"],
                   cwd=REPO_ROOT, input=STAFF_PASSWORD + "\n", text=True, check=True,
                   env=assistant.env, stdout=subprocess.DEVNULL)
    for _ in range(5):
        assert log_in(web, name, "wrong password!!").last.status_code == 401
    assert log_in(web, name, STAFF_PASSWORD).last.status_code == 429
    assert log_in(web).last.status_code == 200, "another account is not locked out"


def test_suggestions_give_the_topic_and_the_answer(web, staff, facts):
    data = staff.post(f"{web}/staff/api/suggest", json={"text": "えっと、全部で何人分漏れたんですかね"}).json()
    top = data["suggestions"][0]
    assert len(data["suggestions"]) <= 3
    assert top["intent"] == "ask_record_count" and top["label"] == "件数"
    assert facts["record_count"].value in top["answer"]


def test_a_caller_check_gives_the_script_and_an_audit_row_without_personal_data(web, staff, facts):
    result = staff.post(f"{web}/staff/api/check", json={"address": RECORD[2], "birthdate": RECORD[3]}).json()
    assert result["result"] == "affected" and "一致しました" in result["script"]
    assert facts["letter"].value in result["script"]
    rows = staff.get(f"{web}/staff/api/audit").json()["rows"]
    assert rows[0]["channel"] == "staff" and rows[0]["actor"] == f"staff:{STAFF_NAME}"
    assert RECORD[2] not in str(rows) and RECORD[3] not in str(rows)


def test_calls_appear_in_the_summary_and_the_csv_opens_in_excel(web, staff):
    before = {c["topic"]: c["count"] for c in staff.get(f"{web}/staff/api/summary").json()["calls"]}
    for topic in ("ask_cause", "ask_cause", "ask_letter"):
        assert staff.post(f"{web}/staff/api/calls", json={"topic": topic}).status_code == 200
    after = {c["topic"]: c["count"] for c in staff.get(f"{web}/staff/api/summary").json()["calls"]}
    assert after["ask_cause"] == before.get("ask_cause", 0) + 2
    csv_bytes = staff.get(f"{web}/staff/summary.csv").content
    assert csv_bytes.startswith(b"\xef\xbb\xbf")
    assert f"原因,{after['ask_cause']}" in csv_bytes.decode("utf-8-sig")


def test_unanswered_questions_are_listed_with_personal_data_hidden(web, staff, assistant):
    odd, elsewhere = "ぴよぴよふにゃふにゃ", "今日の天気は"
    assert assistant.ask(odd) == response_text("utter_default")
    assert assistant.ask(elsewhere) == response_text("utter_out_of_scope")
    assistant.ask("撫養町南浜字東浜170番地のふにゃふにゃ")
    listed = [q["text"] for q in staff.get(f"{web}/staff/api/unanswered").json()["questions"]]
    assert odd in listed and elsewhere in listed
    assert not any("東浜" in text for text in listed)
    exported = staff.post(f"{web}/staff/api/unanswered/export",
                          json={"items": [{"text": odd, "intent": "out_of_scope"}]}).text
    assert "intent: out_of_scope" in exported and odd in exported


def test_logout_ends_the_session(web):
    session = log_in(web)
    assert session.post(f"{web}/staff/logout").status_code == 200
    assert session.get(f"{web}/staff/api/facts").status_code == 401


def test_a_short_password_is_refused(assistant):
    result = subprocess.run([sys.executable, "-m", "bot.staff", "add-user", "short", "--password-stdin"],
                            cwd=REPO_ROOT, input="abc\n", text=True, env=assistant.env, capture_output=True)
    assert result.returncode == 2 and "12 characters" in result.stderr


def test_an_expired_session_opens_nothing(tmp_path, monkeypatch):
    store = StaffStore(RegistryStore(f"sqlite:///{tmp_path / 'r.db'}"))
    token = store.open_session("someone")
    later = staff_store.now() + timedelta(minutes=settings().staff_session_minutes + 1)
    monkeypatch.setattr(staff_store, "now", lambda: later)
    assert store.session(token) is None


def test_the_privacy_notice_states_the_periods_in_force(web):
    page = requests.get(f"{web}/privacy", timeout=10)
    assert page.status_code == 200
    assert "30日間" in page.text and "400日後" in page.text and "保存しません" in page.text
