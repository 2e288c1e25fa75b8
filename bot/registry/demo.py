"""A demo affected set: as many fictional residents as the announcement's record count,
at plausible addresses of the city.

Generated with a fixed seed, so the check works out of the box and the README can
name a record to try. Names (見本 太郎…), phone numbers (000-…) and postal codes are
obviously fictional; only the town names are the city's.
"""
import csv
import random
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Callable, Iterator, List, Optional

from bot.facts import fact_value
from bot.registry.locality import home_locality

SEED = 20231018
TOWNS = {
    "撫養町": ["南浜", "斎田", "黒崎", "林崎", "小桑島", "弁財天", "木津", "立岩"],
    "鳴門町": ["高島", "三ツ石", "土佐泊浦"],
    "瀬戸町": ["堂浦", "明神", "北泊", "室"],
    "里浦町": ["里浦", "粟津"],
    "大津町": ["木津野", "備前島", "吉永", "段関", "徳長", "矢倉"],
    "北灘町": ["粟田", "櫛木", "折野"],
    "大麻町": ["板東", "桧", "池谷", "萩原", "三俣", "大谷", "姫田"],
}
AZA = ["東浜", "西浜", "浜端", "中筋", "北ノ丁", "宮ノ前", "蛭子", "大道", "川向", "新開",
       "二ノ坪", "三反地", "松原", "中ノ町", "東山", "西山", "浜ノ宮", "福池", "地蔵", "寺ノ前"]
FAMILY = ["見本", "試験", "例示", "仮名", "架空"]
GIVEN = ["太郎", "花子", "一郎", "次郎", "良子", "和子", "三郎", "春子"]
HEADER = ["氏名", "カナ", "住所", "生年月日", "電話番号", "郵便番号", "年齢"]


def _address(rng: random.Random) -> str:
    town = rng.choice(list(TOWNS))
    lot = f"{rng.randint(1, 300)}番地"
    if rng.random() < 0.5:
        lot += str(rng.randint(1, 30))
    return f"{home_locality()[1]}{town}{rng.choice(TOWNS[town])}字{rng.choice(AZA)}{lot}"


BirthdateFormat = Callable[[date], str]


def announced_count() -> int:
    """The announcement's record count, as a number."""
    return int(re.sub(r"\D", "", fact_value("record_count")))


def records(
    count: Optional[int] = None, seed: int = SEED, birthdate_format: Optional[BirthdateFormat] = None
) -> Iterator[List[str]]:
    count = announced_count() if count is None else count
    rng = random.Random(seed)
    shown = birthdate_format or (lambda born: born.strftime("%Y/%m/%d"))
    for number in range(1, count + 1):
        born = date(1930, 1, 1) + timedelta(days=rng.randrange(365 * 70))
        yield [
            f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}{number:04d}",
            "ミホン タロウ",
            _address(rng),
            shown(born),
            f"000-0000-{number:04d}",
            "772-0000",
            "",
        ]


def write_csv(
    path: Path, count: Optional[int] = None, encoding: str = "utf-8-sig",
    birthdate_format: Optional[BirthdateFormat] = None,
) -> None:
    with Path(path).open("w", encoding=encoding, newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        writer.writerows(records(count, birthdate_format=birthdate_format))
