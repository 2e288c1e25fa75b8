"""Read the announcement's facts from data/facts.yml, the single source of facts."""
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Mapping

import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
FACTS_FILE = REPO_ROOT / "data" / "facts.yml"


@dataclass(frozen=True)
class Fact:
    value: str
    source: str
    # Machine-readable fields some facts carry beside their text (e.g. opening hours).
    extra: Mapping[str, Any] = field(default_factory=dict)


@lru_cache(maxsize=None)
def load_facts(path: Path = FACTS_FILE) -> Dict[str, Fact]:
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))["facts"]
    facts = {}
    for fact_id, entry in raw.items():
        entry = dict(entry)
        facts[fact_id] = Fact(
            value=str(entry.pop("value")), source=str(entry.pop("source")), extra=entry
        )
    return facts


def fact_value(fact_id: str) -> str:
    return load_facts()[fact_id].value
