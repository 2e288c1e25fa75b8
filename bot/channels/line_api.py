"""A small client for LINE's Messaging API: reply, push, with retries; a user's profile
language.

The base URL comes from LINE_API_BASE_URL (bot.settings), so tests talk to a fake API
on loopback.
"""
import asyncio
import logging
import uuid
from typing import Any, Dict, List, Optional
from urllib.parse import quote

import aiohttp

logger = logging.getLogger(__name__)

MAX_MESSAGES_PER_REQUEST = 5
RETRY_DELAYS_SECONDS = (0.5, 1.0, 2.0)
TIMEOUT = aiohttp.ClientTimeout(total=10)
# The profile is only a starting choice of language: not worth keeping a resident waiting.
PROFILE_TIMEOUT = aiohttp.ClientTimeout(total=2)


class LineApiError(RuntimeError):
    def __init__(self, status: int, detail: str):
        super().__init__(f"LINE API answered {status}")
        self.status, self.detail = status, detail


class LineApi:
    def __init__(self, access_token: str, base_url: str):
        self.base_url = base_url.rstrip("/")
        self.headers = {"Authorization": f"Bearer {access_token}"}

    async def _post(self, path: str, body: Dict[str, Any], headers: Dict[str, str]) -> None:
        # 429 and 5xx are retried with backoff; a 4xx is final (an expired reply token, say).
        for attempt, delay in enumerate((0.0,) + RETRY_DELAYS_SECONDS):
            await asyncio.sleep(delay)
            try:
                async with aiohttp.ClientSession(timeout=TIMEOUT) as session:
                    async with session.post(f"{self.base_url}{path}", json=body,
                                            headers={**self.headers, **headers}) as response:
                        if response.status < 300:
                            return
                        detail = await response.text()
                        if response.status != 429 and response.status < 500:
                            raise LineApiError(response.status, detail)
            except aiohttp.ClientError as error:
                detail = type(error).__name__
            logger.warning("LINE API %s failed (attempt %d): %s", path, attempt + 1, detail[:200])
        raise LineApiError(503, "gave up after retries")

    async def reply(self, reply_token: str, messages: List[Dict[str, Any]]) -> None:
        await self._post("/v2/bot/message/reply",
                         {"replyToken": reply_token, "messages": messages}, {})

    async def push(self, to: str, messages: List[Dict[str, Any]]) -> None:
        # The retry key makes a retried push deliver once.
        await self._post("/v2/bot/message/push", {"to": to, "messages": messages},
                         {"X-Line-Retry-Key": str(uuid.uuid4())})

    async def send(self, reply_token: str, to: str, messages: List[Dict[str, Any]]) -> None:
        """Reply with the token (5 messages at most), push the rest or all if the token is stale."""
        batches = [messages[i:i + MAX_MESSAGES_PER_REQUEST]
                   for i in range(0, len(messages), MAX_MESSAGES_PER_REQUEST)]
        if not batches:
            return
        try:
            await self.reply(reply_token, batches[0])
            batches = batches[1:]
        except LineApiError as error:
            if error.status >= 500:
                raise
            logger.info("reply token refused (%s); pushing instead", error.status)
        for batch in batches:
            await self.push(to, batch)

    async def profile_language(self, user_id: str) -> Optional[str]:
        """The `language` of the user's LINE profile, or None when LINE does not say. The
        rest of the profile (display name, picture) is personal and never read."""
        try:
            async with aiohttp.ClientSession(timeout=PROFILE_TIMEOUT) as session:
                async with session.get(f"{self.base_url}/v2/bot/profile/{quote(user_id, safe='')}",
                                       headers=self.headers) as response:
                    if response.status != 200:
                        return None
                    language = (await response.json()).get("language")
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError, AttributeError):
            return None
        return language if isinstance(language, str) else None
