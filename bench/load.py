"""Concurrent conversations against POST /webhooks/rest/webhook, on loopback only.

Each simulated resident greets, asks facts, asks whether the phones are open (a custom
action), runs the address check (three custom-action turns) and thanks. Every level is
bounded in time and in requests.
"""
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List

import aiohttp

from bot.devservers import running_assistant
from bot.registry import demo
from bench.quality import percentile

LEVELS = (1, 10, 50)
SECONDS_PER_LEVEL = 20
MAX_REQUESTS_PER_LEVEL = 4000
RECORD = next(demo.records(1))
CONVERSATION = ["こんにちは", "何件漏れたの？", "今電話つながりますか？", "原因は何ですか",
                "私は対象ですか", RECORD[2], RECORD[3], "ありがとうございました"]
CUSTOM_ACTION_TURNS = 4  # 今電話…, and the check's three turns


@dataclass
class LevelResult:
    users: int
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies_ms: List[float] = field(default_factory=list)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


async def resident(session: aiohttp.ClientSession, url: str, deadline: float, result: LevelResult) -> None:
    while time.monotonic() < deadline and result.requests < MAX_REQUESTS_PER_LEVEL:
        sender = uuid.uuid4().hex
        for text in CONVERSATION:
            if time.monotonic() >= deadline:
                return
            started = time.perf_counter()
            try:
                async with session.post(url, json={"sender": sender, "message": text}) as response:
                    await response.read()
                    ok = response.status == 200
            except aiohttp.ClientError:
                ok = False
            result.latencies_ms.append((time.perf_counter() - started) * 1000)
            result.requests += 1
            result.errors += not ok


async def run_level(url: str, users: int) -> LevelResult:
    result = LevelResult(users)
    timeout = aiohttp.ClientTimeout(total=60)
    connector = aiohttp.TCPConnector(limit=users)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        started = time.monotonic()
        deadline = started + SECONDS_PER_LEVEL
        await asyncio.gather(*(resident(session, url, deadline, result) for _ in range(users)))
        result.seconds = time.monotonic() - started
    return result


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run(levels=LEVELS) -> Dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        env = {"REGISTRY_HMAC_KEY": "bench-key-" + "0" * 40,
               "REGISTRY_SQLITE_PATH": str(workdir / "registry.db"),
               # The load runs thousands of checks a minute; the real cap is 30.
               "CHECK_LIMIT_PER_MINUTE": "1000000"}
        subprocess.run([sys.executable, "-m", "bot.registry", "demo"], env={**os.environ, **env},
                       check=True, stdout=subprocess.DEVNULL)
        with running_assistant(workdir, env) as assistant:
            url = f"{assistant.base_url}/webhooks/rest/webhook"
            results = [asyncio.run(run_level(url, users)) for users in levels]
            rss = {name: peak_rss_mb(process.pid) for name, process in assistant.processes.items()}
            ready = dict(assistant.ready_seconds)
    return {"levels": results, "peak_rss_mb": rss, "ready_seconds": ready}


def table(load: Dict[str, object]) -> str:
    lines = ["| users | requests | errors | req/s | p50 ms | p95 ms | p99 ms |",
             "|---|---|---|---|---|---|---|"]
    for level in load["levels"]:
        lat = level.latencies_ms
        lines.append(f"| {level.users} | {level.requests} | {level.errors} | {level.rps:.1f} | "
                     f"{statistics.median(lat):.0f} | {percentile(lat, 0.95):.0f} | {percentile(lat, 0.99):.0f} |")
    return "\n".join(lines)
