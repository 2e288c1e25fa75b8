"""The issue's acceptance check, in miniature: a CP932 export with Japanese-calendar
dates, checked with addresses and birth dates typed in many ways.

Addresses come with old kanji, kana in hiragana or half-width, connectives left out,
ノ for の, kanji and full-width numbers; birth dates in every era style. No false
positive is allowed, and at least 99% of the true matches must be found.
"""
import random
from datetime import datetime, timedelta

from bot.birthdate import parse_birthdate, to_japanese_era
from bot.registry import demo
from bot.registry.csv_import import read_export
from bot.registry.keys import affected_digest
from bot.registry.locality import canonical_address
from tests.variants import typed_address, typed_birthdate

SAMPLE = 600


def test_recall_and_no_false_positive(tmp_path, key):
    export = tmp_path / "export.csv"
    demo.write_csv(export, encoding="cp932", birthdate_format=to_japanese_era)
    registry = read_export(export, key).digests
    rng = random.Random(7)

    def found(address: str, birthdate: str) -> bool:
        try:
            return affected_digest(key, canonical_address(address), parse_birthdate(birthdate)) in registry
        except ValueError:
            return False

    records = rng.sample(list(demo.records()), SAMPLE)
    hits = false_positives = 0
    for record in records:
        address, born = record[2], datetime.strptime(record[3], "%Y/%m/%d").date()
        hits += found(typed_address(address, rng), typed_birthdate(born, rng))
        wrong_number = address.replace("番地", f"{rng.randint(1, 9)}番地", 1)
        false_positives += found(typed_address(wrong_number, rng), typed_birthdate(born, rng))
        false_positives += found(typed_address(address, rng),
                                 typed_birthdate(born + timedelta(days=rng.choice([-1, 1, 365])), rng))
        false_positives += found("徳島市" + address.removeprefix("鳴門市"), born.isoformat())
    recall = hits / SAMPLE
    print(f"recall {recall:.3f} on {SAMPLE} typed variants; false positives {false_positives}")
    assert false_positives == 0
    assert recall >= 0.99
