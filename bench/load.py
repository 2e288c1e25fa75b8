"""Concurrent conversations against POST /webhooks/rest/webhook, on loopback only.

Each simulated resident greets, asks facts, asks whether the phones are open (a custom
action), runs the address check (three custom-action turns) and thanks: back-to-back
(the next message the moment the answer arrives: a stress test of capacity), or paced
(a pause between messages, as people read and type; much shorter here than in life).
Every level is bounded in time and in requests.
"""
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import aiohttp

from bot.devservers import running_assistant
from bot.registry import demo
from bench.quality import percentile

LEVELS = (1, 10, 50)
PACED_LEVELS = (10, 50)
THINK_SECONDS = (1.0, 3.0)  # a resident reading the answer and typing takes far longer
SECONDS_PER_LEVEL = 20
MAX_REQUESTS_PER_LEVEL = 4000
CUSTOM_ACTION_TURNS = 4  # 今電話…, and the check's three turns


def conversation() -> List[str]:
    """One resident's turns, the address check with the demo registry's first record."""
    record = next(demo.records(1))
    return ["こんにちは", "何件漏れたの？", "今電話つながりますか？", "原因は何ですか",
            "私は対象ですか", record[2], record[3], "ありがとうございました"]


@dataclass
class LevelResult:
    users: int
    think: Optional[Tuple[float, float]] = None
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies_ms: List[float] = field(default_factory=list)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def pacing(self) -> str:
        return f"{self.think[0]:g}–{self.think[1]:g} s pause" if self.think else "back-to-back"


async def resident(session: aiohttp.ClientSession, url: str, turns: List[str], deadline: float,
                   result: LevelResult, rng: random.Random) -> None:
    while time.monotonic() < deadline and result.requests < MAX_REQUESTS_PER_LEVEL:
        sender = uuid.uuid4().hex
        for text in turns:
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
            if result.think:
                await asyncio.sleep(rng.uniform(*result.think))


async def run_level(url: str, turns: List[str], users: int,
                    think: Optional[Tuple[float, float]] = None) -> LevelResult:
    result = LevelResult(users, think)
    rng = random.Random(users)
    timeout = aiohttp.ClientTimeout(total=60)
    connector = aiohttp.TCPConnector(limit=users)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        started = time.monotonic()
        deadline = started + SECONDS_PER_LEVEL
        await asyncio.gather(*(resident(session, url, turns, deadline, result, rng) for _ in range(users)))
        result.seconds = time.monotonic() - started
    return result


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run() -> Dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        env = {"REGISTRY_HMAC_KEY": "bench-key-" + "0" * 40,
               "STAFF_API_TOKEN": "bench-staff-token-" + "0" * 32,
               "ACTION_SERVER_TOKEN": "bench-action-token-" + "0" * 32,
               "REGISTRY_SQLITE_PATH": str(workdir / "registry.db"),
               # The load runs thousands of checks a minute from one client: limited as little as
               # the settings allow (past 1,000 a day an address's checks answer "limit reached",
               # still a turn through the action server).
               "CHECK_LIMIT_PER_MINUTE": "1000000", "CHECK_LIMIT_PER_CLIENT_PER_DAY": "100000",
               "CHECK_LIMIT_PER_ADDRESS_PER_DAY": "1000"}
        subprocess.run([sys.executable, "-m", "bot.registry", "demo"], env={**os.environ, **env},
                       check=True, stdout=subprocess.DEVNULL)
        with running_assistant(workdir, env) as assistant:
            url = f"{assistant.base_url}/webhooks/rest/webhook"
            turns = conversation()
            results = [asyncio.run(run_level(url, turns, users)) for users in LEVELS]
            results += [asyncio.run(run_level(url, turns, users, THINK_SECONDS)) for users in PACED_LEVELS]
            rss = {name: peak_rss_mb(process.pid) for name, process in assistant.processes.items()}
            ready = dict(assistant.ready_seconds)
    return {"levels": results, "peak_rss_mb": rss, "ready_seconds": ready}


def table(load: Dict[str, object]) -> str:
    lines = ["| users | pacing | requests | errors | req/s | p50 ms | p95 ms | p99 ms |",
             "|---|---|---|---|---|---|---|---|"]
    for level in load["levels"]:
        lat = level.latencies_ms
        lines.append(f"| {level.users} | {level.pacing} | {level.requests} | {level.errors} | {level.rps:.1f} | "
                     f"{statistics.median(lat):.0f} | {percentile(lat, 0.95):.0f} | {percentile(lat, 0.99):.0f} |")
    return "\n".join(lines)
