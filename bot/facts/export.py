"""The current facts as YAML in the shape of data/facts.yml, to commit a reviewed state."""
from typing import Mapping

import yaml

from bot.facts import FACTS_FILE, Fact


def facts_yaml(facts: Mapping[str, Fact]) -> str:
    announced = yaml.safe_load(FACTS_FILE.read_text(encoding="utf-8"))["announced"]
    entries = {}
    for fact_id, fact in facts.items():
        entry = {"value": fact.value, **fact.translations, "source": fact.source}
        if fact.as_of != announced["date"]:
            entry["as_of"] = fact.as_of.isoformat()
        entries[fact_id] = {**entry, **fact.extra}
    header = ("# Exported from the facts store (python -m bot.facts export): the latest approved\n"
              "# version of every fact. Review, then replace data/facts.yml with it to commit.\n")
    return header + yaml.safe_dump({"announced": announced, "facts": entries},
                                   allow_unicode=True, sort_keys=False, width=1000)
