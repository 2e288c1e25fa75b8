"""A fake LINE Messaging API on loopback that records what the assistant sends."""
import asyncio
import threading
import time
from typing import Any, Dict, List

from aiohttp import web


class FakeLineApi:
    def __init__(self):
        self.requests: List[Dict[str, Any]] = []
        self.fail_next: List[int] = []  # statuses to answer with before succeeding
        self.languages: Dict[str, str] = {}  # user id -> profile language (default: none given)
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def _handle(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append({"path": request.path, "headers": dict(request.headers), "body": body})
        if self.fail_next:
            return web.json_response({"message": "injected failure"}, status=self.fail_next.pop(0))
        if str(body.get("replyToken", "")).startswith("expired"):
            return web.json_response({"message": "Invalid reply token"}, status=400)
        return web.json_response({})

    async def _profile(self, request: web.Request) -> web.Response:
        user = request.match_info["user"]
        profile = {"userId": user, "displayName": "テスト 太郎", "pictureUrl": "https://example.invalid/p"}
        if user in self.languages:
            profile["language"] = self.languages[user]
        return web.json_response(profile)

    def delivered(self, to_user: str = "", reply_token: str = "") -> List[Dict[str, Any]]:
        """Messages that went through: replies to the token, or pushes to the user."""
        messages = []
        for request in self.requests:
            body = request["body"]
            if body.get("replyToken", "").startswith("expired"):
                continue
            if (reply_token and body.get("replyToken") == reply_token) or \
                    (to_user and body.get("to") == to_user):
                messages.extend(body["messages"])
        return messages

    def wait_for(self, predicate, timeout: float = 30.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            result = predicate()
            if result:
                return result
            time.sleep(0.2)
        return predicate()

    def start(self) -> "FakeLineApi":
        def run():
            asyncio.set_event_loop(self._loop)
            app = web.Application()
            app.router.add_post("/v2/bot/message/reply", self._handle)
            app.router.add_post("/v2/bot/message/push", self._handle)
            app.router.add_get("/v2/bot/profile/{user}", self._profile)
            runner = web.AppRunner(app)
            self._loop.run_until_complete(runner.setup())
            site = web.TCPSite(runner, "127.0.0.1", 0)
            self._loop.run_until_complete(site.start())
            self.port = site._server.sockets[0].getsockname()[1]
            self._ready.set()
            self._loop.run_forever()

        threading.Thread(target=run, daemon=True).start()
        self._ready.wait(10)
        return self

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
