"""The home city that addresses default to: HOME_CITY, else the city hall's address."""
from functools import lru_cache
from typing import Tuple

from bot.address import normalize_address, split_locality
from bot.facts import fact_value
from bot.settings import settings


@lru_cache(maxsize=None)
def home_locality() -> Tuple[str, str]:
    return split_locality(settings().home_city or fact_value("city_hall_address"))


def canonical_address(text: str) -> str:
    prefecture, city = home_locality()
    return normalize_address(text, prefecture, city)
