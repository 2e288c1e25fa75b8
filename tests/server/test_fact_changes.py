"""Facts that change: staff propose and approve over HTTP, and residents' answers follow
within seconds on the REST channel and in the phone-status answer, with no retraining
and no restart. Wrong roles and missing tokens get nothing."""
import time
from typing import Callable, Dict

import pytest
import requests

from tests.server.test_staff import log_in

HOURS = "call_center_hours"
# How long an approved change may take to reach every answer (the promise).
WITHIN_SECONDS = 5
FACT_URLS_GET = ["/staff/api/facts/review", "/staff/api/facts/call_center_hours/history",
                 "/staff/facts/export.yml"]
FACT_URLS_POST = ["/staff/api/facts/preview", "/staff/api/facts/propose",
                  "/staff/api/facts/versions/1/approve", "/staff/api/facts/versions/1/reject",
                  "/staff/api/facts/versions/1/rollback"]


def proposal(current: dict, opens: str, closes: str, value: str) -> dict:
    return {"fact_id": HOURS, "value": value, "extra": {**current["extra"], "opens": opens, "closes": closes},
            "source": current["source"].replace(current["value"], value),
            "as_of": "2023-12-01", "reason": "年末の受付時間の延長（テスト）"}


def wait_for(condition: Callable[[], bool], seconds: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if condition():
            return time.monotonic() - start
        time.sleep(0.2)
    raise AssertionError(f"not within {seconds} s")


@pytest.fixture
def sessions(web, reviewers) -> Dict[str, requests.Session]:
    return {name: log_in(web, name, password) for name, password in reviewers.items()}


def current_hours(session, web) -> dict:
    facts = session.get(f"{web}/staff/api/facts/review").json()["facts"]
    return next(fact for fact in facts if fact["id"] == HOURS)


@pytest.mark.parametrize("path", FACT_URLS_GET)
def test_fact_pages_answer_nobody_without_a_login(web, path):
    response = requests.get(f"{web}{path}")
    assert response.status_code == 401 and "call_center" not in response.text


@pytest.mark.parametrize("path", FACT_URLS_GET + FACT_URLS_POST)
def test_an_operator_gets_nothing_from_the_fact_pages(web, path):
    operator = log_in(web)
    response = operator.get(f"{web}{path}") if path in FACT_URLS_GET else operator.post(f"{web}{path}", json={})
    assert response.status_code == 403 and "0120" not in response.text
    page = operator.get(f"{web}/staff/facts")
    assert page.status_code == 403 and "data-config" not in page.text


def test_a_post_without_the_csrf_token_changes_nothing(web, sessions):
    editor = sessions["editor1"]
    current = current_hours(editor, web)
    token = editor.headers.pop("X-CSRF-Token")
    try:
        response = editor.post(f"{web}/staff/api/facts/propose", json=proposal(current, "09:00", "21:00", "9時～21時"))
    finally:
        editor.headers["X-CSRF-Token"] = token
    assert response.status_code == 403
    assert editor.get(f"{web}/staff/api/facts/review").json()["pending"] == []


def test_a_proposal_failing_a_check_changes_nothing(web, sessions, ask):
    editor = sessions["editor1"]
    current = current_hours(editor, web)
    for body, code in [({**proposal(current, "09:00", "21:00", "9時～21時"), "source": ""}, "source_missing"),
                       (proposal(current, "21:00", "09:00", "21時～9時"), "hours_order"),
                       ({**proposal(current, "09:00", "21:00", "9時～21時"), "value": "<b>9時～21時</b>"}, "markup")]:
        response = editor.post(f"{web}/staff/api/facts/propose", json=body)
        assert response.status_code == 422
        assert code in [problem["code"] for problem in response.json()["problems"]]
        assert response.json()["problems"][0]["message"].endswith("。")
    assert editor.get(f"{web}/staff/api/facts/review").json()["pending"] == []
    assert current["value"] in ask("受付時間を教えて")


@pytest.mark.parametrize("body", [[], "x", {"fact_id": 3}, {"fact_id": HOURS, "as_of": "2023-13-45"},
                                  {"fact_id": HOURS, "extra": [1]}, {"fact_id": HOURS, "value": "\ud800"}])
def test_malformed_proposals_get_a_4xx(web, sessions, body):
    response = sessions["editor1"].post(f"{web}/staff/api/facts/propose", json=body)
    assert 400 <= response.status_code < 500


def test_an_approved_change_reaches_residents_and_a_rollback_restores_it(web, sessions, ask):
    editor, approver, second = sessions["editor1"], sessions["approver1"], sessions["approver2"]
    original = current_hours(editor, web)
    assert original["value"] in ask("特設コールセンターは何時まで？")

    preview = editor.post(f"{web}/staff/api/facts/preview", json=proposal(original, "09:00", "21:00", "9時～21時"))
    answers = {answer["name"]: answer["text"] for answer in preview.json()["answers"]}
    assert preview.json()["problems"] == [] and "9時～21時" in answers["utter_hours"]

    proposed = editor.post(f"{web}/staff/api/facts/propose", json=proposal(original, "09:00", "21:00", "9時～21時"))
    assert proposed.status_code == 200
    version = proposed.json()["version"]["id"]
    # The editor's role cannot approve; nothing is live until an approver does.
    assert editor.post(f"{web}/staff/api/facts/versions/{version}/approve", json={}).status_code == 403
    time.sleep(WITHIN_SECONDS / 2)
    assert "9時～21時" not in ask("受付時間を教えて")

    approved = approver.post(f"{web}/staff/api/facts/versions/{version}/approve", json={"comment": "確認済み"})
    assert approved.status_code == 200
    try:
        took = wait_for(lambda: "9時～21時" in ask("受付時間を教えて"), WITHIN_SECONDS)
        print(f"approved change reached the REST answer in {took:.1f} s")
        status = ask("今電話つながりますか")
        assert "（9時～21時）" in status and original["value"] not in status
        assert "9時～21時" in ask("問い合わせ先を教えて")
    finally:
        history = approver.get(f"{web}/staff/api/facts/{HOURS}/history").json()["versions"]
        first = next(v["id"] for v in history if v["status"] == "approved" and v["value"] == original["value"])
        back = approver.post(f"{web}/staff/api/facts/versions/{first}/rollback", json={"reason": "延長の終了"})
        back_id = back.json()["version"]["id"]
        own = approver.post(f"{web}/staff/api/facts/versions/{back_id}/approve", json={})
        assert own.status_code == 409 and own.json()["problems"][0]["code"] == "fact_own_proposal"
        assert second.post(f"{web}/staff/api/facts/versions/{back_id}/approve", json={}).status_code == 200
    wait_for(lambda: original["value"] in ask("受付時間を教えて") and "9時～21時" not in ask("受付時間を教えて"),
             WITHIN_SECONDS)
    assert current_hours(editor, web) == original


def test_the_export_is_the_current_facts_in_the_file_shape(web, sessions):
    import yaml
    exported = yaml.safe_load(sessions["editor1"].get(f"{web}/staff/facts/export.yml").text)
    assert exported["facts"][HOURS]["opens"] == "09:00" and "announced" in exported
