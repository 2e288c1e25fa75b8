"""Serving the widget's and the staff page's static files."""
from pathlib import Path
from typing import Awaitable, Callable

from aiohttp import web

STATIC = Path(__file__).parent / "static"
CONTENT_TYPES = {".js": "application/javascript", ".css": "text/css"}


def static_file(name: str, shared: bool = False) -> Callable[[web.Request], Awaitable[web.Response]]:
    """A handler for one file of static/. `shared`: other sites' pages may load it (the widget)."""
    headers = {"X-Content-Type-Options": "nosniff"}
    if shared:
        headers["Access-Control-Allow-Origin"] = "*"

    async def serve(request: web.Request) -> web.Response:
        return web.Response(body=(STATIC / name).read_bytes(), charset="utf-8",
                            content_type=CONTENT_TYPES[Path(name).suffix], headers=headers)
    return serve
