"""/staff/facts: staff change the announcement's facts, with review by a second person.

An editor proposes a new version (value, structured fields, the updated announcement's
sentence and date, why) after seeing every answer that uses it as residents will get
it; an approver who did not propose it approves or rejects it with a comment. History
per fact, and rollback to an earlier version (itself a proposal). Nothing here answers
without a login and the role; every POST carries the CSRF token.
"""
import html
import json
from datetime import date
from typing import Dict, Iterable, Optional

from aiohttp import web

from bot.facts import TRANSLATED, Fact, current_facts
from bot.facts.checks import answers_using, problems
from bot.facts.export import facts_yaml
from bot.facts.live import live_facts
from bot.facts.store import FactStore, FactVersion, ReviewError
from bot.inbound import Refused, checked_text
from bot.render import all_templates
from bot.staff.store import CAN_APPROVE, CAN_PROPOSE
from bot.web.staff import (current_session, in_japan, json_object, label, login_page, role_required,
                           staff_data, staff_page, text_field, today)
from bot.web.files import static_file

# Who sees the facts page: whoever may propose (approvers may too).
EDIT_ROLES = CAN_PROPOSE


def fact_label(key: str) -> str:
    return staff_data()["fact_labels"][key]


def check_text(key: str) -> str:
    return staff_data()["fact_checks"][key]


def store(request: web.Request) -> FactStore:
    return request.app["fact_store"]


def _when(moment) -> Optional[str]:
    return in_japan(moment).strftime("%Y-%m-%d %H:%M") if moment else None


def version_json(version: FactVersion) -> dict:
    return {"id": version.id, "fact_id": version.fact_id, "status": version.status,
            "value": version.fact.value, "source": version.fact.source,
            "as_of": version.fact.as_of.isoformat(), "extra": dict(version.fact.extra),
            "translations": dict(version.fact.translations), "proposed_by": version.proposed_by, "proposed_at": _when(version.proposed_at),
            "reason": version.reason, "reviewed_by": version.reviewed_by,
            "reviewed_at": _when(version.reviewed_at), "review_comment": version.review_comment,
            "rollback_of": version.rollback_of}


def fact_from(body: Dict[str, object], current: Fact) -> Fact:
    """The proposed version from a request body; structured fields keep their names."""
    raw_extra = body.get("extra", {})
    if not isinstance(raw_extra, dict):
        raise Refused("bad_request")
    extra = {key: checked_text(raw_extra.get(key, ""), 200) if isinstance(value, str) else value
             for key, value in current.extra.items()}
    raw_translations = body.get("translations", {})
    if not isinstance(raw_translations, dict):
        raise Refused("bad_request")
    # Reviewed with the value, in the same version; left empty, that language says the
    # Japanese value (never a translation of an earlier one).
    translations = {language: text_field(raw_translations, language, 2_000).strip()
                    for language in TRANSLATED if str(raw_translations.get(language) or "").strip()}
    try:
        as_of = date.fromisoformat(text_field(body, "as_of", 10))
    except ValueError:
        raise Refused("bad_request") from None
    return Fact(value=text_field(body, "value", 2_000).strip(),
                source=text_field(body, "source", 4_000).strip(), as_of=as_of, extra=extra,
                translations=translations)


def _problems_json(found: Iterable[str]) -> list:
    return [{"code": code, "message": check_text(code)} for code in found]


async def facts_page(request: web.Request) -> web.Response:
    session = current_session(request)
    if session is None:
        return login_page()
    if session.role not in EDIT_ROLES:
        return staff_page(fact_label("page_title"),
                          f'<main><p role="alert">{html.escape(label("forbidden"))}</p></main>', 403)
    config = {"csrf": session.csrf, "staff": session.name, "role": session.role,
              "can_approve": session.role in CAN_APPROVE, "labels": staff_data()["fact_labels"]}
    body = f"""<div id="facts-app" data-config="{html.escape(json.dumps(config, ensure_ascii=False))}"></div>
<script src="/staff/static/staff_common.js" defer></script>
<script src="/staff/static/facts.js" defer></script>"""
    return staff_page(fact_label("page_title"), body)


@role_required(EDIT_ROLES)
async def review_state(request: web.Request) -> web.Response:
    facts = current_facts()
    return web.json_response({
        "facts": [{"id": fact_id, "value": fact.value, "source": fact.source,
                   "as_of": fact.as_of.isoformat(), "extra": dict(fact.extra),
                   "translations": dict(fact.translations)}
                  for fact_id, fact in facts.items()],
        "pending": [version_json(version) for version in store(request).pending()]})


@role_required(EDIT_ROLES)
async def history(request: web.Request) -> web.Response:
    fact_id = request.match_info["fact_id"]
    if fact_id not in current_facts():
        return web.json_response({"error": check_text("unknown_fact")}, status=404)
    return web.json_response({"versions": [version_json(v) for v in store(request).history(fact_id)]})


def _proposal(body: Dict[str, object]):
    fact_id = text_field(body, "fact_id", 64)
    facts = current_facts()
    if fact_id not in facts:
        return fact_id, None, ["unknown_fact"]
    fact = fact_from(body, facts[fact_id])
    return fact_id, fact, problems(fact_id, fact, facts, all_templates(), today())


@role_required(CAN_PROPOSE)
async def preview(request: web.Request) -> web.Response:
    fact_id, fact, found = _proposal(await json_object(request))
    answers = answers_using(fact_id, all_templates(), current_facts(), fact) if fact else {}
    return web.json_response({"problems": _problems_json(found),
                              "answers": [{"name": name, "text": text} for name, text in answers.items()]})


@role_required(CAN_PROPOSE)
async def propose(request: web.Request) -> web.Response:
    body = await json_object(request)
    fact_id, fact, found = _proposal(body)
    reason = text_field(body, "reason", 500).strip()
    if not reason:
        found = [*found, "reason_missing"]
    if found:
        return web.json_response({"problems": _problems_json(found)}, status=422)
    version_id = store(request).propose(fact_id, fact, reason, request["staff"].name)
    return web.json_response({"version": version_json(store(request).version(version_id))})


def _version_id(request: web.Request) -> int:
    raw = request.match_info["version_id"]
    if not raw.isdigit() or len(raw) > 12:
        raise Refused("bad_request")
    return int(raw)


def _review_error(error: ReviewError) -> web.Response:
    return web.json_response({"problems": _problems_json([str(error)])}, status=409)


@role_required(CAN_APPROVE)
async def approve(request: web.Request) -> web.Response:
    comment = text_field(await json_object(request), "comment", 500).strip()
    version_id = _version_id(request)
    pending = store(request).version(version_id)
    if pending is None:
        return web.json_response({"problems": _problems_json(["fact_not_pending"])}, status=404)
    # The checks again: the other facts or the templates may have changed since.
    facts = current_facts()
    found = problems(pending.fact_id, pending.fact, facts, all_templates(), today()) \
        if pending.status == "proposed" else []
    if found:
        return web.json_response({"problems": _problems_json(found)}, status=422)
    try:
        version = store(request).approve(version_id, request["staff"].name, comment)
    except ReviewError as error:
        return _review_error(error)
    live_facts().expire()
    return web.json_response({"version": version_json(version)})


@role_required(CAN_APPROVE)
async def reject(request: web.Request) -> web.Response:
    comment = text_field(await json_object(request), "comment", 500).strip()
    if not comment:
        return web.json_response({"problems": _problems_json(["comment_missing"])}, status=422)
    try:
        version = store(request).reject(_version_id(request), request["staff"].name, comment)
    except ReviewError as error:
        return _review_error(error)
    return web.json_response({"version": version_json(version)})


@role_required(CAN_PROPOSE)
async def rollback(request: web.Request) -> web.Response:
    reason = text_field(await json_object(request), "reason", 500).strip()
    earlier = store(request).version(_version_id(request))
    if earlier is None or earlier.status != "approved":
        return web.json_response({"problems": _problems_json(["rollback_not_approved"])}, status=409)
    if not reason:
        return web.json_response({"problems": _problems_json(["reason_missing"])}, status=422)
    facts = current_facts()
    found = problems(earlier.fact_id, earlier.fact, facts, all_templates(), today())
    if found:
        return web.json_response({"problems": _problems_json(found)}, status=422)
    version_id = store(request).propose(earlier.fact_id, earlier.fact, reason,
                                        request["staff"].name, rollback_of=earlier.id)
    return web.json_response({"version": version_json(store(request).version(version_id))})


@role_required(EDIT_ROLES)
async def export(request: web.Request) -> web.Response:
    return web.Response(text=facts_yaml(current_facts()), content_type="text/yaml", charset="utf-8",
                        headers={"Content-Disposition": 'attachment; filename="facts.yml"',
                                 "Cache-Control": "no-store"})


def add_routes(app: web.Application) -> None:
    app["fact_store"] = FactStore()
    app.router.add_get("/staff/facts", facts_page)
    app.router.add_get("/staff/facts/export.yml", export)
    app.router.add_get("/staff/static/facts.js", static_file("facts.js"))
    app.router.add_get("/staff/api/facts/review", review_state)
    app.router.add_get("/staff/api/facts/{fact_id}/history", history)
    app.router.add_post("/staff/api/facts/preview", preview)
    app.router.add_post("/staff/api/facts/propose", propose)
    app.router.add_post("/staff/api/facts/versions/{version_id}/approve", approve)
    app.router.add_post("/staff/api/facts/versions/{version_id}/reject", reject)
    app.router.add_post("/staff/api/facts/versions/{version_id}/rollback", rollback)
