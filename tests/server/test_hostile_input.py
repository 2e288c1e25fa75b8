"""Hostile input to every public endpoint: never a 5xx, never a stopped server.

Hypothesis sends arbitrary JSON (any text, lone surrogates, NUL, deep nesting, wrong
types), arbitrary bytes and odd query strings; after each endpoint's run the assistant
must still answer a resident's question with the right fact. The number of requests
survived is written to reports/hostile_input.txt for the closing figures.
"""
import base64
import hashlib
import hmac
import json
from pathlib import Path

import pytest
import requests
from hypothesis import HealthCheck, given, settings, strategies as st

from bot.facts import REPO_ROOT
from tests.server.test_staff import log_in
from tests.support import LINE_SECRET, STAFF_API_TOKEN

REPORT = REPO_ROOT / "reports" / "hostile_input.txt"
EXAMPLES = 60
SURVIVED = {"requests": 0}

any_text = st.text(st.characters(blacklist_categories=()), max_size=300)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | any_text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(any_text, children, max_size=4),
    max_leaves=12,
)
# Objects shaped like what the endpoints expect, with any value in each field.
shaped = st.fixed_dictionaries({}, optional={
    "sender": json_values, "message": json_values, "text": json_values, "address": json_values,
    "birthdate": json_values, "topic": json_values, "items": json_values, "events": json_values})
bodies = st.one_of(
    json_values.map(lambda value: json.dumps(value).encode()),
    shaped.map(lambda value: json.dumps(value).encode()),
    st.binary(max_size=400),
    st.integers(1_000, 50_000).map(lambda depth: b"[" * depth + b"]" * depth),
    st.sampled_from([b"", b"{", b'{"sender": "\\ud800", "message": "\\udfff"}',
                     b'{"sender": "x", "message": "\\u0000"}', "{\"sender\": \"x\", \"message\": \"\u00e9\"}".encode("latin-1")]),
)
HARD = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                suppress_health_check=list(HealthCheck))


def survived(response: requests.Response) -> None:
    assert response.status_code < 500, (response.status_code, response.text[:200])
    SURVIVED["requests"] += 1


def still_answers(assistant, facts) -> None:
    assert facts["record_count"].value in assistant.ask("何件漏れたの？")


def sign(body: bytes) -> str:
    return base64.b64encode(hmac.new(LINE_SECRET.encode(), body, hashlib.sha256).digest()).decode()


def test_rest_webhook(assistant, facts):
    @HARD
    @given(bodies)
    def post(body):
        survived(requests.post(f"{assistant.base_url}/webhooks/rest/webhook", data=body,
                               headers={"Content-Type": "application/json"}, timeout=60))
    post()
    still_answers(assistant, facts)


def test_staff_parse_endpoint_with_and_without_its_token(assistant, facts):
    @HARD
    @given(bodies, st.sampled_from([STAFF_API_TOKEN, "wrong", "é", ""]))
    def post(body, token):
        survived(requests.post(f"{assistant.base_url}/webhooks/rest/parse", data=body,
                               headers={"X-Staff-Token": token.encode("utf-8").decode("latin-1")},
                               timeout=60))
    post()
    still_answers(assistant, facts)


def test_line_webhook_signed_and_unsigned(assistant, facts):
    @HARD
    @given(bodies, st.booleans())
    def post(body, signed):
        headers = {"Content-Type": "application/json"}
        if signed:
            headers["X-Line-Signature"] = sign(body)
        survived(requests.post(f"{assistant.base_url}/webhooks/line/webhook", data=body,
                               headers=headers, timeout=60))
    post()
    still_answers(assistant, facts)


def test_web_pages_and_check_page(web, assistant, facts):
    @HARD
    @given(any_text, st.binary(max_size=300))
    def visit(token, form):
        survived(requests.get(f"{web}/check", params={"t": token.encode("utf-8", "surrogatepass")},
                              timeout=30))
        survived(requests.post(f"{web}/check", data=form, timeout=30,
                               headers={"Content-Type": "application/x-www-form-urlencoded"}))
        survived(requests.post(f"{web}/check", data={"t": token.encode("utf-8", "surrogatepass"),
                                                     "address": "撫養町1", "birthdate": "1950/1/2"},
                               timeout=30))
    visit()
    assert requests.get(f"{web}/health", timeout=10).ok
    still_answers(assistant, facts)


def test_staff_login_and_apis(web, assistant, facts):
    session = log_in(web)
    paths = ["/staff/api/suggest", "/staff/api/check", "/staff/api/calls", "/staff/api/unanswered/export"]

    @HARD
    @given(bodies, st.sampled_from(paths), any_text)
    def post(body, path, csrf):
        survived(session.post(f"{web}{path}", data=body, timeout=30,
                              headers={"Content-Type": "application/json"}))
        survived(requests.post(f"{web}/staff/login", timeout=30, data={
            "csrf": csrf.encode("utf-8", "surrogatepass"), "name": csrf.encode("utf-8", "surrogatepass"),
            "password": "x"}, cookies={"staff_login_csrf": "abc"}))
        survived(session.get(f"{web}/staff/api/summary", params={"date": csrf.encode("utf-8", "surrogatepass")},
                             timeout=30))
    post()
    assert session.get(f"{web}/staff/api/facts", timeout=10).status_code == 200
    still_answers(assistant, facts)


def test_report_the_requests_survived():
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(f"{SURVIVED['requests']} hostile requests, no 5xx, servers still answering\n")
    assert SURVIVED["requests"] > 0
