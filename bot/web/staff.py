"""/staff/: the assist page for a live call and its JSON API. Nothing answers without a login."""
import csv
import html
import io
import json
import logging
import secrets
import unicodedata
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Awaitable, Callable, Dict, Iterable, List, Optional, Tuple

import aiohttp
import yaml
from aiohttp import web
from sqlalchemy import create_engine, text

from bot.check_service import RESPONSES, Outcome, Requester, open_service
from bot.client_address import client_address
from bot.facts import REPO_ROOT, current_facts
from bot.inbound import Refused, checked_text, same_secret
from bot.language import CHOSEN_SLOT, DETECTED_SLOT, answer_language
from bot.phone_windows import JAPAN, now_in_japan, status_messages
from bot.privacy import REDACTED, looks_personal
from bot.registry.store import RegistryStore
from bot.render import all_templates, facts_named, fill_runtime, render_text, response_text
from bot.settings import settings
from bot.staff.passwords import DUMMY_HASH, verify_password
from bot.staff.store import CAN_PROPOSE, ROLES, Session, StaffStore
from bot.topics import Topic, topics
from bot.web.files import static_file

logger = logging.getLogger(__name__)

STAFF_FILE = REPO_ROOT / "data" / "staff.yml"
COOKIE = "staff_session"
LOGIN_COOKIE = "staff_login_csrf"
# Per account, and (higher, since one office shares an address) per client address.
MAX_FAILURES_PER_NAME = 5
MAX_FAILURES_PER_CLIENT = 20
FAILURE_WINDOW = timedelta(minutes=15)
HIDDEN = "＊＊＊"
# The page offers 取り消す for a few seconds; the server allows a little more for a slow line.
UNDO_WITHIN = timedelta(seconds=30)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@lru_cache(maxsize=None)
def staff_data() -> dict:
    """Labels, result names and scripts; scripts are templates filled when used."""
    return yaml.safe_load(STAFF_FILE.read_text(encoding="utf-8"))


def label(key: str) -> str:
    return staff_data()["labels"][key]


def today() -> date:
    return datetime.now(JAPAN).date()


def client_of(request: web.Request) -> str:
    return client_address(request.remote, request.headers.get("X-Forwarded-For"),
                          settings().trusted_proxies)


def cookie_options() -> dict:
    return {"httponly": True, "samesite": "Strict", "path": "/staff",
            "secure": settings().staff_cookie_secure}


async def json_object(request: web.Request) -> Dict[str, object]:
    """The request's JSON object with its string fields checked at the door; anything
    else (not JSON, a list, a number where text belongs) is Refused."""
    try:
        body = await request.json()
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise Refused("bad_request") from None
    if not isinstance(body, dict):
        raise Refused("bad_request")
    return body


def text_field(body: Dict[str, object], name: str, max_chars: int = 2_000) -> str:
    value = body.get(name, "")
    return checked_text(value if value is not None else "", max_chars)


def current_session(request: web.Request) -> Optional[Session]:
    return request.app["staff_store"].session(request.cookies.get(COOKIE, ""))


def role_required(roles: Tuple[str, ...]) -> Callable[[Handler], Handler]:
    """A login with one of the roles, and the CSRF token on a POST; short of that, nothing."""
    def wrap(handler: Handler) -> Handler:
        async def guarded(request: web.Request) -> web.StreamResponse:
            session = current_session(request)
            if session is None:
                return web.json_response({"error": "login required"}, status=401)
            if session.role not in roles:
                return web.json_response({"error": label("forbidden")}, status=403)
            token = request.headers.get("X-CSRF-Token", "")
            if request.method == "POST" and not same_secret(token, session.csrf):
                return web.json_response({"error": "bad CSRF token"}, status=403)
            request["staff"] = session
            return await handler(request)
        return guarded
    return wrap


login_required = role_required(ROLES)


def staff_page(title: str, body: str, status: int = 200) -> web.Response:
    page = f"""<!doctype html>
<html lang="ja"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title><link rel="stylesheet" href="/staff/static/staff.css"></head>
<body>{body}</body></html>"""
    return web.Response(text=page, content_type="text/html", charset="utf-8", status=status,
                        headers={"Cache-Control": "no-store", "X-Frame-Options": "DENY",
                                 "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'",
                                 "Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff"})


def login_page(error: str = "", status: int = 200) -> web.Response:
    csrf = secrets.token_urlsafe(24)
    alert = f'<p class="error" role="alert">{html.escape(error)}</p>' if error else ""
    body = f"""<main class="login"><h1>{html.escape(label("login_title"))}</h1>{alert}
<form method="post" action="/staff/login">
<input type="hidden" name="csrf" value="{csrf}">
<label for="name">{html.escape(label("login_name"))}</label>
<input id="name" name="name" autocomplete="username" required>
<label for="password">{html.escape(label("login_password"))}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">{html.escape(label("login_submit"))}</button></form></main>"""
    response = staff_page(label("login_title"), body, status)
    response.set_cookie(LOGIN_COOKIE, csrf, max_age=600, **cookie_options())
    return response


async def index(request: web.Request) -> web.Response:
    session = current_session(request)
    if session is None:
        return login_page()
    config = {"csrf": session.csrf, "staff": session.name, "labels": staff_data()["labels"],
              "languages": staff_data()["languages"],
              "can_edit_facts": session.role in CAN_PROPOSE,
              "results": staff_data()["results"],
              "topics": {intent: topic.label for intent, topic in topics().items()}}
    body = f"""<div id="staff-app" data-config="{html.escape(json.dumps(config, ensure_ascii=False))}"></div>
<script src="/staff/static/staff_common.js" defer></script>
<script src="/staff/static/staff.js" defer></script>"""
    return staff_page(label("page_title"), body)


async def login(request: web.Request) -> web.Response:
    form = await request.post()
    name = checked_text(str(form.get("name", "")), 64)
    password = checked_text(str(form.get("password", "")), 1_000)
    if not same_secret(str(form.get("csrf", "")), request.cookies.get(LOGIN_COOKIE, "")):
        return login_page(label("login_failed"), status=403)
    store: StaffStore = request.app["staff_store"]
    by_name, by_client = store.recent_failures(name, client_of(request), FAILURE_WINDOW)
    if by_name >= MAX_FAILURES_PER_NAME or by_client >= MAX_FAILURES_PER_CLIENT:
        logger.warning("staff login refused (too many failures) name=%s client=%s", name, client_of(request))
        return login_page(label("login_locked"), status=429)
    stored = store.password_hash(name)
    if not verify_password(stored or DUMMY_HASH, password) or stored is None:
        store.record_failed_login(name, client_of(request))
        logger.warning("staff login failed name=%s client=%s", name, client_of(request))
        return login_page(label("login_failed"), status=401)
    logger.info("staff login name=%s", name)
    response = web.HTTPSeeOther("/staff/")
    response.set_cookie(COOKIE, store.open_session(name), max_age=settings().staff_session_minutes * 60,
                        **cookie_options())
    response.del_cookie(LOGIN_COOKIE, path="/staff")
    raise response


@login_required
async def logout(request: web.Request) -> web.Response:
    request.app["staff_store"].close_session(request.cookies.get(COOKIE, ""))
    response = web.json_response({"ok": True})
    response.del_cookie(COOKIE, path="/staff")
    return response


async def rasa_ranking(text_: str) -> List[dict]:
    url = settings().rasa_internal_url
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
        async with session.post(f"{url}/webhooks/rest/parse", json={"message": text_},
                                headers={"X-Staff-Token": settings().staff_api_token}) as response:
            response.raise_for_status()
            return (await response.json())["ranking"]


def chat_answer(topic: Topic) -> str:
    """The topic's answer as the chat gives it now (a live answer is worked out now)."""
    if topic.action == "action_phone_status":
        return "\n".join(fill_runtime(response_text(name), **values)
                         for name, values in status_messages(now_in_japan()))
    return fill_runtime(response_text(topic.response), privacy_url=settings().privacy_notice_url)


def read_aloud(topic: Topic) -> str:
    """What the operator says on the phone (data/staff.yml), empty where none is written."""
    template = staff_data()["read_aloud"].get(topic.intent)
    return render_text(template) if template else ""


@login_required
async def suggest(request: web.Request) -> web.Response:
    words = text_field(await json_object(request), "text").strip()
    if not words:
        return web.json_response({"suggestions": []})
    try:
        ranking = await rasa_ranking(words)
    except (aiohttp.ClientError, KeyError):
        return web.json_response({"error": response_text("utter_temporarily_unavailable")}, status=503)
    known = topics()
    suggestions = [{"intent": item["intent"], "confidence": item["confidence"],
                    "label": known[item["intent"]].label,
                    "script": read_aloud(known[item["intent"]]),
                    "answer": chat_answer(known[item["intent"]])}
                   for item in ranking if item["intent"] in known]
    return web.json_response({"suggestions": suggestions})


def search_words(fact_id: str, used_by: Iterable[Topic]) -> str:
    """Words that find a fact beyond its own text: the labels of the topics answering with
    it, and data/staff.yml's words for the kind its name says (…_phone: 電話)."""
    kinds = staff_data()["fact_search_words"]
    words = [kinds[part] for part in fact_id.split("_") if part in kinds]
    return " ".join(words + [topic.label for topic in used_by])


def topics_using(fact_id: str) -> List[Topic]:
    scripts = staff_data()["read_aloud"]
    templates = all_templates()
    return [topic for topic in topics().values()
            if fact_id in facts_named(templates.get(topic.response, "") + scripts.get(topic.intent, ""))]


@login_required
async def facts_sheet(request: web.Request) -> web.Response:
    facts = []
    for fact_id, fact in current_facts().items():
        used_by = topics_using(fact_id)
        facts.append({"id": fact_id, "value": fact.value, "source": fact.source,
                      "as_of": fact.as_of.isoformat(), "topics": [topic.label for topic in used_by],
                      "words": search_words(fact_id, used_by)})
    return web.json_response({"facts": facts})


@login_required
async def caller_check(request: web.Request) -> web.Response:
    body = await json_object(request)
    address, birthdate = text_field(body, "address"), text_field(body, "birthdate")
    service = open_service()
    if service is None:
        return web.json_response({"error": response_text(RESPONSES[Outcome.UNAVAILABLE])}, status=503)
    outcome = service.check_typed(address, birthdate, Requester("staff", request["staff"].name))
    status = {Outcome.UNREADABLE_ADDRESS: 422, Outcome.UNREADABLE_BIRTHDATE: 422,
              Outcome.RATE_LIMITED: 429}.get(outcome, 200)
    script = render_text(staff_data()["scripts"][outcome.value]).format(
        limit=settings().check_limit_staff_per_hour)
    return web.json_response({"result": outcome.value, "script": script}, status=status)


def _day(request: web.Request) -> date:
    try:
        return date.fromisoformat(request.query.get("date", ""))
    except ValueError:
        return today()


def in_japan(moment: datetime) -> datetime:
    # SQLite hands back naive UTC; PostgreSQL an aware time.
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone(JAPAN)


def checks_on(request: web.Request, day: date) -> List[dict]:
    return [row for row in request.app["registry"].audit_rows() if in_japan(row["at"]).date() == day]


@login_required
async def audit(request: web.Request) -> web.Response:
    rows = checks_on(request, _day(request))
    return web.json_response({"rows": [
        {"at": in_japan(row["at"]).strftime("%H:%M:%S"), "channel": row["channel"],
         "actor": short_actor(row["actor"]), "result": row["result"]} for row in reversed(rows)]})


def short_actor(actor: str) -> str:
    """Staff by account as stored; a resident's keyed hash cut to a readable 8 characters
    (enough to tell a day's residents apart, and no more identifying than the hash)."""
    if ":" in actor:
        return actor
    return f"{actor[:4]}-{actor[4:8]}".upper()


@login_required
async def record_call(request: web.Request) -> web.Response:
    topic = text_field(await json_object(request), "topic", 64)
    if topic not in topics():
        return web.json_response({"error": "unknown topic"}, status=400)
    call_id = request.app["staff_store"].record_call(request["staff"].name, topic, today())
    return web.json_response({"ok": True, "id": call_id, "label": topics()[topic].label})


@login_required
async def undo_call(request: web.Request) -> web.Response:
    call_id = (await json_object(request)).get("id")
    if not isinstance(call_id, int) or isinstance(call_id, bool):
        return web.json_response({"error": label("undo_failed")}, status=400)
    if not request.app["staff_store"].undo_call(request["staff"].name, call_id, UNDO_WITHIN):
        return web.json_response({"error": label("undo_failed")}, status=409)
    return web.json_response({"ok": True})


@lru_cache(maxsize=None)
def tracker_engine():
    url = settings().tracker_postgres_url or f"sqlite:///{settings().tracker_sqlite_path}"
    return create_engine(url, future=True)


def unanswered_questions(day: Optional[date] = None, limit: int = 200) -> List[dict]:
    """Residents' messages the assistant could not answer (it asked which topic was
    meant, or they were outside its scope), with the topic the resident then picked
    when there is one; anything personal-looking hidden."""
    query = ("SELECT id, sender_id, timestamp, data FROM events WHERE type_name = 'user' "
             "AND intent_name IN ('nlu_fallback', 'out_of_scope') ORDER BY id DESC LIMIT :limit")
    following = ("SELECT intent_name, data FROM events WHERE type_name = 'user' "
                 "AND sender_id = :sender AND id > :id ORDER BY id LIMIT 1")
    try:
        with tracker_engine().connect() as connection:
            rows = connection.execute(text(query), {"limit": limit}).all()
            questions = []
            for row_id, sender, timestamp, data in rows:
                when = datetime.fromtimestamp(timestamp, JAPAN)
                words = json.loads(data).get("text", "")
                if (day and when.date() != day) or words == REDACTED or not words.strip():
                    continue
                reply = connection.execute(text(following), {"sender": sender, "id": row_id}).first()
                # A button's payload ("/ask_record_count") is the topic the resident picked.
                chosen = reply is not None and json.loads(reply[1]).get("text", "").startswith("/")
                questions.append({"at": when.strftime("%Y-%m-%d %H:%M"),
                                  "text": HIDDEN if looks_personal(words) else words,
                                  "picked": reply[0] if chosen and reply[0] in topics() else None})
    except Exception:  # no conversation yet (no table), or the database is away
        return []
    return questions


FEEDBACK_INTENTS = {"feedback_helpful": "helpful", "feedback_unhelpful": "unhelpful"}


def feedback_on(day: date) -> List[dict]:
    """Residents' はい / いいえ to 「役に立ちましたか」 on a day, by the topic of the answer
    they judged (the question they asked just before), with the share of いいえ."""
    query = ("SELECT id, sender_id, timestamp, intent_name FROM events WHERE type_name = 'user' "
             "AND intent_name IN ('feedback_helpful', 'feedback_unhelpful') ORDER BY id")
    asked = ("SELECT intent_name FROM events WHERE type_name = 'user' AND sender_id = :sender "
             "AND id < :id AND intent_name NOT IN ('feedback_helpful', 'feedback_unhelpful') "
             "ORDER BY id DESC LIMIT 1")
    counts: Dict[str, Dict[str, int]] = {}
    try:
        with tracker_engine().connect() as connection:
            for row_id, sender, timestamp, intent in connection.execute(text(query)).all():
                if datetime.fromtimestamp(timestamp, JAPAN).date() != day:
                    continue
                topic = connection.execute(text(asked), {"sender": sender, "id": row_id}).scalar()
                if topic in topics():
                    tally = counts.setdefault(topic, {"helpful": 0, "unhelpful": 0})
                    tally[FEEDBACK_INTENTS[intent]] += 1
    except Exception:  # no conversation yet (no table), or the database is away
        return []
    known = topics()
    return [{"topic": topic, "label": known[topic].label, **tally,
             "unhelpful_share": round(tally["unhelpful"] / (tally["helpful"] + tally["unhelpful"]), 3)}
            for topic, tally in sorted(counts.items(), key=lambda item: -sum(item[1].values()))]


def languages_on(day: date) -> Dict[str, int]:
    """How many of the day's conversations were answered in each language (the language
    of their last answer, by bot.language's rule)."""
    start = datetime.combine(day, datetime.min.time(), JAPAN).timestamp()
    query = ("SELECT sender_id, type_name, data FROM events WHERE type_name IN ('user', 'slot') "
             "AND timestamp >= :start AND timestamp < :end ORDER BY id")
    slots: Dict[str, Dict[str, Optional[str]]] = {}
    metadata: Dict[str, dict] = {}  # each conversation's latest message's
    try:
        with tracker_engine().connect() as connection:
            for sender, kind, data in connection.execute(text(query), {"start": start, "end": start + 86_400}):
                event = json.loads(data)
                if kind == "slot" and event.get("name") in (CHOSEN_SLOT, DETECTED_SLOT):
                    slots.setdefault(sender, {})[event["name"]] = event.get("value")
                elif kind == "user":
                    metadata[sender] = event.get("metadata") or {}
    except Exception:  # no conversation yet (no table), or the database is away
        return {}
    return dict(Counter(answer_language(slots.get(sender, {}), metadata.get(sender))
                        for sender in set(slots) | set(metadata)))


def summary_of(request: web.Request, day: date) -> dict:
    known = topics()
    calls = request.app["staff_store"].calls_by_topic(day)
    results: Dict[str, int] = {}
    for row in checks_on(request, day):
        results[row["result"]] = results.get(row["result"], 0) + 1
    return {"date": day.isoformat(),
            "calls": [{"topic": topic, "label": known[topic].label, "count": count}
                      for topic, count in sorted(calls.items(), key=lambda item: -item[1])],
            "checks": results,
            "feedback": feedback_on(day),
            "languages": languages_on(day),
            "unanswered": len(unanswered_questions(day))}


@login_required
async def summary(request: web.Request) -> web.Response:
    return web.json_response(summary_of(request, _day(request)))


@login_required
async def summary_csv(request: web.Request) -> web.Response:
    data = summary_of(request, _day(request))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([label("csv_date"), label("csv_kind"), label("csv_item"), label("col_count")])
    for call in data["calls"]:
        writer.writerow([data["date"], label("csv_call"), call["label"], call["count"]])
    for result, count in sorted(data["checks"].items()):
        writer.writerow([data["date"], label("csv_check"), staff_data()["results"].get(result, result), count])
    for row in data["feedback"]:
        writer.writerow([data["date"], label("csv_helpful"), row["label"], row["helpful"]])
        writer.writerow([data["date"], label("csv_unhelpful"), row["label"], row["unhelpful"]])
    for language, count in sorted(data["languages"].items()):
        writer.writerow([data["date"], label("csv_language"), staff_data()["languages"][language], count])
    writer.writerow([data["date"], label("csv_unanswered"), "", data["unanswered"]])
    # UTF-8 with a BOM: what Excel needs to read Japanese correctly.
    return web.Response(body=("\ufeff" + out.getvalue()).encode("utf-8"),
                        content_type="text/csv", charset="utf-8",
                        headers={"Content-Disposition": f'attachment; filename="summary-{data["date"]}.csv"',
                                 "Cache-Control": "no-store"})


def grouped(questions: List[dict]) -> List[dict]:
    """The same question (up to width, case and spacing) once, with how often it came,
    when it last came, and the topic residents most often picked for it; most asked first."""
    groups: Dict[str, dict] = {}
    for question in questions:  # newest first
        key = " ".join(unicodedata.normalize("NFKC", question["text"]).lower().split())
        group = groups.setdefault(key, {"text": question["text"], "at": question["at"], "count": 0,
                                        "picks": Counter()})
        group["count"] += 1
        if question["picked"]:
            group["picks"][question["picked"]] += 1
    return [{"text": group["text"], "at": group["at"], "count": group["count"],
             "picked": group["picks"].most_common(1)[0][0] if group["picks"] else None}
            for group in sorted(groups.values(), key=lambda group: -group["count"])]


@login_required
async def unanswered(request: web.Request) -> web.Response:
    return web.json_response({"questions": grouped(unanswered_questions())})


@login_required
async def export_examples(request: web.Request) -> web.Response:
    """Chosen questions as Rasa NLU training data, grouped by the intent staff picked."""
    by_intent: Dict[str, List[str]] = {}
    items = (await json_object(request)).get("items", [])
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        words, intent = text_field(item, "text").strip(), text_field(item, "intent", 64)
        if intent in topics() and words and words != HIDDEN and not looks_personal(words):
            by_intent.setdefault(intent, []).append(words.replace("\n", " "))
    nlu = [{"intent": intent, "examples": "".join(f"- {words}\n" for words in examples)}
           for intent, examples in by_intent.items()]
    body = yaml.safe_dump({"version": "3.1", "nlu": nlu}, allow_unicode=True, sort_keys=False)
    return web.Response(text=body, content_type="text/yaml", charset="utf-8",
                        headers={"Content-Disposition": 'attachment; filename="staff_examples.yml"'})


def add_routes(app: web.Application) -> None:
    app["staff_store"] = StaffStore()
    app["registry"] = RegistryStore()
    app.router.add_get("/staff/", index)
    app.router.add_get("/staff", lambda request: web.HTTPFound("/staff/"))
    app.router.add_post("/staff/login", login)
    app.router.add_post("/staff/logout", logout)
    app.router.add_get("/staff/static/staff_common.js", static_file("staff_common.js"))
    app.router.add_get("/staff/static/staff.js", static_file("staff.js"))
    app.router.add_get("/staff/static/staff.css", static_file("staff.css"))
    app.router.add_post("/staff/api/suggest", suggest)
    app.router.add_get("/staff/api/facts", facts_sheet)
    app.router.add_post("/staff/api/check", caller_check)
    app.router.add_get("/staff/api/audit", audit)
    app.router.add_post("/staff/api/calls", record_call)
    app.router.add_post("/staff/api/calls/undo", undo_call)
    app.router.add_get("/staff/api/summary", summary)
    app.router.add_get("/staff/summary.csv", summary_csv)
    app.router.add_get("/staff/api/unanswered", unanswered)
    app.router.add_post("/staff/api/unanswered/export", export_examples)
