"""The home city that addresses default to: HOME_CITY, else the city hall's address."""
import os
from functools import lru_cache
from typing import Tuple

from bot.address import normalize_address, split_locality
from bot.facts import fact_value


@lru_cache(maxsize=None)
def home_locality() -> Tuple[str, str]:
    return split_locality(os.environ.get("HOME_CITY") or fact_value("city_hall_address"))


def canonical_address(text: str) -> str:
    prefecture, city = home_locality()
    return normalize_address(text, prefecture, city)
