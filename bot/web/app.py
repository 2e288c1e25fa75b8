"""aiohttp application for port 8000.

/                 demo page with the widget
/widget.js, .css  the embeddable widget
/widget-config.json  the widget's texts (data/messages.yml) and Rasa's address
/check?t=...      the address check page for residents sent from LINE
/privacy          what is done with the address and birth date, and for how long
"""
import html
import logging
from functools import lru_cache
from pathlib import Path
from string import Template
from typing import Awaitable, Callable, Optional

import yaml
from aiohttp import web

from bot.check_service import (RESPONSES, Outcome, Requester, open_service, read_address,
                                read_birthdate, unreadable_birthdate_response)
from bot.client_address import client_digest
from bot.facts import REPO_ROOT
from bot.facts.live import live_facts
from bot.inbound import Refused, checked_text, refusal_text
from bot.language import ENGLISH, JAPANESE, LANGUAGES
from bot.messages import all_messages, message
from bot.registry import check_link
from bot.registry.sealed import MAX_AGE_SECONDS
from bot.render import response_text
from bot.settings import settings
from bot.web.staff_facts import add_routes as add_fact_routes
from bot.web.staff import add_routes as add_staff_routes
from bot.web.files import static_file

logger = logging.getLogger(__name__)

HERE = Path(__file__).parent
# Query values and form fields are short; anything longer is not a resident's.
MAX_FIELD_CHARS = 2_000
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; connect-src *; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    # The check link carries its token in the URL: never pass it on.
    "Referrer-Policy": "no-referrer",
}


@lru_cache(maxsize=None)
def page_template() -> Template:
    return Template((HERE / "templates" / "page.html").read_text(encoding="utf-8"))


def rasa_public_url() -> str:
    return settings().rasa_public_url


def requester_client(request: web.Request) -> str:
    return client_digest(request.remote, request.headers.get("X-Forwarded-For"),
                          settings().trusted_proxies)


def page(title: str, content: str, scripts: str = "", status: int = 200,
         language: str = JAPANESE) -> web.Response:
    body = page_template().substitute(title=html.escape(title), content=content, scripts=scripts,
                                      lang="en" if language == ENGLISH else "ja")
    return web.Response(text=body, content_type="text/html", charset="utf-8", status=status,
                        headers={**PAGE_HEADERS, "Cache-Control": "no-store"})


def paragraph(text: str, css_class: str = "") -> str:
    attribute = f' class="{css_class}"' if css_class else ""
    return f"<p{attribute}>{html.escape(text)}</p>"


async def demo_page(request: web.Request) -> web.Response:
    script = (f'<script src="/widget.js" data-server="{html.escape(rasa_public_url())}" '
              'data-open="true" defer></script>')
    return page(message("demo_page_title"), paragraph(message("demo_page_intro")), script)


async def widget_config(request: web.Request) -> web.Response:
    # The widget's words in Japanese, and those written in the other answer languages.
    translations = {language: {key: value for key, value in all_messages(language).items()
                               if key.startswith("widget_")} for language in LANGUAGES}
    texts = translations.pop(JAPANESE)
    # Public and credential-free: any page of the city site may load it.
    return web.json_response({"server": rasa_public_url(), "texts": texts, "translations": translations},
                             headers={"Access-Control-Allow-Origin": "*"})


def page_language(value: str) -> str:
    """The check page's language: the conversation's, carried by LINE's link (`lang`)."""
    return value if value in LANGUAGES else JAPANESE


def check_page_of(content: str, language: str, status: int = 200) -> web.Response:
    return page(message("check_page_title", language), content, status=status, language=language)


def check_form(token: str, language: str, error: str = "") -> str:
    def says(key: str) -> str:
        return html.escape(message(key, language))

    parts = [paragraph(message("check_page_intro", language)),
             f'<p><a href="{html.escape(settings().privacy_notice_url)}">{says("privacy_link")}</a></p>']
    if error:
        parts.append(f'<p class="error" role="alert">{html.escape(error)}</p>')
    parts.append(f"""<form method="post" action="/check">
<input type="hidden" name="t" value="{html.escape(token)}">
<input type="hidden" name="lang" value="{html.escape(language)}">
<label for="address">{says("check_address_label")}</label>
<input id="address" name="address" autocomplete="street-address" required>
<label for="birthdate">{says("check_birthdate_label")}</label>
<input id="birthdate" name="birthdate" autocomplete="bday" required>
<button type="submit">{says("check_submit")}</button>
</form>""")
    return "\n".join(parts)


def invalid_link(language: str) -> web.Response:
    return check_page_of(f'<p class="error" role="alert">{html.escape(message("check_link_invalid", language))}</p>',
                         language, status=410)


def unavailable_page(language: str) -> web.Response:
    return check_page_of(paragraph(response_text(RESPONSES[Outcome.UNAVAILABLE], language), "error"),
                         language, status=503)


async def check_page(request: web.Request) -> web.Response:
    language = page_language(request.query.get("lang", ""))
    service = open_service()
    if service is None:
        return unavailable_page(language)
    token = request.query.get("t", "")
    if check_link.usable(service.key, token, service.store) is None:
        return invalid_link(language)
    return check_page_of(check_form(token, language), language)


def unreadable(address: Optional[str], birthdate: str, language: str) -> str:
    """What to correct: the chat's own words for the birth date, the page's for the address
    (the chat's mention 「やめる」, which means nothing on the page)."""
    if address is None:
        return message("check_address_invalid", language)
    return response_text(unreadable_birthdate_response(birthdate), language)


async def check_submit(request: web.Request) -> web.Response:
    form = await request.post()
    token, address, birthdate, language = (checked_text(str(form.get(name, "")), MAX_FIELD_CHARS)
                                           for name in ("t", "address", "birthdate", "lang"))
    language = page_language(language)
    service = open_service()
    if service is None:
        return unavailable_page(language)
    claims = check_link.usable(service.key, token, service.store)
    if claims is None:
        return invalid_link(language)
    canonical, born = read_address(address), read_birthdate(birthdate)
    if canonical is None or born is None:
        # A typo does not use the link up; the resident corrects and sends again.
        error = unreadable(canonical, birthdate, language)
        return check_page_of(check_form(token, language, error), language, status=422)
    if check_link.consume(service.key, token, service.store) is None:
        return invalid_link(language)
    # The link's sender, and the client address of whoever opened it.
    who = Requester(channel="line-page", sender=claims.actor, client=requester_client(request),
                    hashed=True)
    outcome = service.check(canonical, born, who)
    return check_page_of(f'<p class="result" role="status">{html.escape(response_text(RESPONSES[outcome], language))}</p>',
                         language)


@web.middleware
async def door(request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
               ) -> web.StreamResponse:
    """Bad input gets a 4xx with a Japanese message, never a 500."""
    try:
        for value in request.query.values():
            checked_text(value, MAX_FIELD_CHARS)
        return await handler(request)
    except Refused as refused:
        return error_response(request, refusal_text(refused), refused.status)
    except (ValueError, TypeError, KeyError, UnicodeError) as error:
        # Malformed input the handler did not expect: refused, and logged by type only.
        logger.warning("refused a malformed request to %s: %s", request.path, type(error).__name__)
        return error_response(request, message("bad_request"), 400)


def error_response(request: web.Request, text: str, status: int) -> web.Response:
    if request.path.startswith(("/staff/api/", "/widget-config")):
        return web.json_response({"error": text}, status=status)
    return page(message("check_page_title"), f'<p class="error" role="alert">{html.escape(text)}</p>',
                status=status)


@lru_cache(maxsize=None)
def privacy_notice() -> dict:
    return yaml.safe_load((REPO_ROOT / "data" / "privacy.yml").read_text(encoding="utf-8"))


async def privacy_page(request: web.Request) -> web.Response:
    config = settings()
    periods = {"sealed_minutes": MAX_AGE_SECONDS // 60,
               "conversation_days": config.conversation_retention_days,
               "audit_days": config.audit_retention_days}
    notice = privacy_notice()
    return page(notice["title"], "\n".join(paragraph(text.format(**periods)) for text in notice["paragraphs"]))


async def health(request: web.Request) -> web.Response:
    # The facts store being away is reported; the pages keep the last facts read.
    facts = live_facts().health()
    return web.json_response({"status": "ok" if facts["facts_store"] == "ok" else "degraded", **facts})


def create_app() -> web.Application:
    app = web.Application(client_max_size=64 * 1024, middlewares=[door])
    app.router.add_get("/", demo_page)
    app.router.add_get("/widget.js", static_file("widget.js", shared=True))
    app.router.add_get("/widget.css", static_file("widget.css", shared=True))
    app.router.add_get("/page.css", static_file("page.css"))
    app.router.add_get("/widget-config.json", widget_config)
    app.router.add_get("/privacy", privacy_page)
    app.router.add_get("/check", check_page)
    app.router.add_post("/check", check_submit)
    app.router.add_get("/health", health)
    add_staff_routes(app)
    add_fact_routes(app)
    return app
