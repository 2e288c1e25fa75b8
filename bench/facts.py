"""What rendering answers with live facts costs, and how fast a change reaches a process.

python -m bench.facts prints the table; bench/__main__ includes it in results.md.
Runs on a throwaway SQLite facts store.
"""
import asyncio
import dataclasses
import os
import statistics
import tempfile
import time
from pathlib import Path

REPEATS = 2_000


def run() -> str:
    os.environ["REGISTRY_SQLITE_PATH"] = str(Path(tempfile.mkdtemp()) / "registry.db")
    for secret in ("REGISTRY_HMAC_KEY", "STAFF_API_TOKEN", "ACTION_SERVER_TOKEN"):
        os.environ.setdefault(secret, "bench-" + "0" * 32)
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.facts import current_facts
    from bot.facts.live import live_facts
    from bot.facts.store import FactStore
    from bot.nlg import FactsNLG
    from bot.render import load_templates
    from bot.settings import settings

    settings.cache_clear()
    nlg, tracker = FactsNLG(), DialogueStateTracker.from_events("bench", [])
    names = [name for name in load_templates() if "{" not in load_templates()[name][0]["text"].replace("{{", "")]

    async def answers(count: int) -> list:
        times = []
        for number in range(count):
            started = time.perf_counter()
            await nlg.generate(names[number % len(names)], tracker, "rest")
            times.append((time.perf_counter() - started) * 1000)
        return times

    asyncio.run(answers(50))  # the first render of the generation
    steady = asyncio.run(answers(REPEATS))
    store, facts = FactStore(), current_facts()
    changed = dataclasses.replace(facts["record_count"], value="3,072件", source="3,072件")
    after_change = []
    for value in ("3,072件", facts["record_count"].value):
        store.approve(store.propose("record_count", dataclasses.replace(changed, value=value), "bench", "e"), "a", "")
        live_facts().expire()
        after_change.extend(asyncio.run(answers(1)))
    started = time.perf_counter()
    for _ in range(200):
        store.generation()
    look_ms = (time.perf_counter() - started) * 1000 / 200
    return "\n".join([
        "| measure | time |", "|---|---|",
        f"| one answer rendered (FactsNLG.generate, median of {REPEATS:,}) | {statistics.median(steady):.3f} ms |",
        f"| p95 of the same | {sorted(steady)[int(len(steady) * 0.95)]:.3f} ms |",
        f"| the first answer after an approved change (re-renders every response) | "
        f"{statistics.median(after_change):.2f} ms |",
        f"| a process's look at the store (one number, SQLite) | {look_ms:.3f} ms |",
        f"| an approved change reaches every process within | {settings().facts_refresh_seconds} s "
        f"(FACTS_REFRESH_SECONDS) |",
    ])


if __name__ == "__main__":
    print(run())
