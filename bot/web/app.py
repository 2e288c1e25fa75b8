"""aiohttp application for port 8000.

/                 demo page with the widget
/widget.js, .css  the embeddable widget
/widget-config.json  the widget's texts (data/messages.yml) and Rasa's address
/check?t=...      the address check page for residents sent from LINE
"""
import html
import os
from pathlib import Path
from string import Template
from typing import Dict, Optional

from aiohttp import web

from bot.address import AddressError
from bot.birthdate import BirthdateError, parse_birthdate
from bot.messages import all_messages, message
from bot.registry import check_link
from bot.registry.checker import Checker, Outcome, RegistryUnavailableError
from bot.registry.keys import MissingKeyError
from bot.registry.locality import canonical_address
from bot.render import response_text
from bot.staff.web import add_routes as add_staff_routes
from bot.web.files import static_file

HERE = Path(__file__).parent
PAGE = Template((HERE / "templates" / "page.html").read_text(encoding="utf-8"))
OUTCOME_RESPONSES = {
    Outcome.AFFECTED: "utter_check_match",
    Outcome.NOT_AFFECTED: "utter_check_no_match",
    Outcome.RATE_LIMITED: "utter_check_rate_limited",
}
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; connect-src *; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    # The check link carries its token in the URL: never pass it on.
    "Referrer-Policy": "no-referrer",
}


def rasa_public_url() -> str:
    return os.environ.get("RASA_PUBLIC_URL", "http://localhost:5005")


def page(title: str, content: str, scripts: str = "", status: int = 200) -> web.Response:
    body = PAGE.substitute(title=html.escape(title), content=content, scripts=scripts)
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
    texts = {key: value for key, value in all_messages().items() if key.startswith("widget_")}
    # Public and credential-free: any page of the city site may load it.
    return web.json_response({"server": rasa_public_url(), "texts": texts},
                             headers={"Access-Control-Allow-Origin": "*"})


def check_form(token: str, error: str = "", address: str = "") -> str:
    parts = [paragraph(message("check_page_intro"))]
    if error:
        parts.append(f'<p class="error" role="alert">{html.escape(error)}</p>')
    parts.append(f"""<form method="post" action="/check">
<input type="hidden" name="t" value="{html.escape(token)}">
<label for="address">{html.escape(message("check_address_label"))}</label>
<input id="address" name="address" autocomplete="street-address" required value="{html.escape(address)}">
<label for="birthdate">{html.escape(message("check_birthdate_label"))}</label>
<input id="birthdate" name="birthdate" autocomplete="bday" required>
<button type="submit">{html.escape(message("check_submit"))}</button>
</form>""")
    return "\n".join(parts)


def invalid_link() -> web.Response:
    return page(message("check_page_title"),
                f'<p class="error" role="alert">{html.escape(message("check_link_invalid"))}</p>',
                status=410)


def open_checker() -> Optional[Checker]:
    try:
        return Checker.from_environment()
    except (MissingKeyError, RegistryUnavailableError):
        return None


async def check_page(request: web.Request) -> web.Response:
    checker = open_checker()
    if checker is None:
        return page(message("check_page_title"), paragraph(response_text("utter_check_unavailable"), "error"), status=503)
    token = request.query.get("t", "")
    if check_link.usable(checker.key, token, checker.store) is None:
        return invalid_link()
    return page(message("check_page_title"), check_form(token))


def read_answers(form: Dict[str, str]):
    try:
        address = canonical_address(form.get("address", ""))
    except AddressError:
        return None, None, message("check_address_invalid")
    try:
        born = parse_birthdate(form.get("birthdate", ""))
    except BirthdateError:
        return None, None, message("check_birthdate_invalid")
    return address, born, ""


async def check_submit(request: web.Request) -> web.Response:
    checker = open_checker()
    if checker is None:
        return page(message("check_page_title"), paragraph(response_text("utter_check_unavailable"), "error"), status=503)
    form = await request.post()
    token = str(form.get("t", ""))
    if check_link.usable(checker.key, token, checker.store) is None:
        return invalid_link()
    address, born, error = read_answers({k: str(v) for k, v in form.items()})
    if error:
        # The link is used up only by a check that runs: a typo costs nothing.
        return page(message("check_page_title"), check_form(token, error), status=422)
    claims = check_link.consume(checker.key, token, checker.store)
    if claims is None:
        return invalid_link()
    outcome = checker.check(address, born, actor=claims.actor, channel="line-page")
    return page(message("check_page_title"),
                f'<p class="result" role="status">{html.escape(response_text(OUTCOME_RESPONSES[outcome]))}</p>')


async def health(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


def create_app() -> web.Application:
    app = web.Application(client_max_size=64 * 1024)
    app.router.add_get("/", demo_page)
    app.router.add_get("/widget.js", static_file("widget.js", shared=True))
    app.router.add_get("/widget.css", static_file("widget.css", shared=True))
    app.router.add_get("/page.css", static_file("page.css"))
    app.router.add_get("/widget-config.json", widget_config)
    app.router.add_get("/check", check_page)
    app.router.add_post("/check", check_submit)
    app.router.add_get("/health", health)
    add_staff_routes(app)
    return app
