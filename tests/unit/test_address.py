"""Address normalization: the ways residents type one address agree; real differences stay."""
import re

import pytest
from hypothesis import given, settings, strategies as st

from bot.address import AddressError, normalize_address, split_locality
from bot.registry import demo
from tests.variants import typed_address

HOME = {"default_prefecture": "徳島県", "default_city": "鳴門市"}


def norm(text: str) -> str:
    return normalize_address(text, **HOME)


@pytest.mark.parametrize(
    "variant",
    [
        "徳島県鳴門市撫養町南浜字東浜170",
        "鳴門市撫養町南浜東浜１７０",
        "撫養町南浜字東浜170番地",
        "撫養町南浜字東浜一七〇",
        "撫養町南浜字東浜百七十番地",
        "撫養町 南浜 字 東浜 １７０ 番地",
        "徳島県撫養町南浜東浜170",
    ],
)
def test_variants_of_the_city_hall_address_agree(variant):
    assert norm(variant) == "徳島県鳴門市撫養町南浜東浜170"


@pytest.mark.parametrize(
    "variant",
    ["撫養町斎田字浜端西十二番地二", "撫養町斎田浜端西12-2", "撫養町斎田浜端西12の2",
     "撫養町斎田浜端西１２－２", "撫養町斎田浜端西12ー2", "撫養町斎田浜端西12‐2",
     "撫養町斎田浜端西12番2", "撫養町斎田浜端西12番地の2"],
)
def test_separators_and_kanji_numerals_agree(variant):
    assert norm(variant) == "徳島県鳴門市撫養町斎田浜端西12-2"


def test_chome_ban_go_agree():
    assert norm("大麻町板東字二の坪1丁目2番3号") == norm("大麻町板東二の坪一丁目二番三号") \
        == norm("大麻町板東字二の坪1-2-3")


@pytest.mark.parametrize(
    "one, other",
    [
        ("撫養町南浜字東浜170", "撫養町南浜字東浜17"),
        ("撫養町南浜字東浜170", "撫養町南浜字東浜1700"),
        ("撫養町斎田浜端西28-11", "撫養町斎田浜端西28-1"),
        ("撫養町斎田浜端西28-1", "撫養町斎田浜端西2-81"),
        ("鳴門市撫養町南浜字東浜170", "徳島市撫養町南浜字東浜170"),
        ("撫養町南浜字東浜170", "阿南市撫養町南浜字東浜170"),
        ("徳島県鳴門市撫養町南浜東浜170", "香川県鳴門市撫養町南浜東浜170"),
        ("撫養町南浜字東浜170", "撫養町南浜字西浜170"),
    ],
)
def test_real_differences_never_match(one, other):
    assert norm(one) != norm(other)


@pytest.mark.parametrize("text", ["", "   ", "東浜", "170", "<script>", "鳴門市"])
def test_text_that_cannot_be_an_address_is_refused(text):
    with pytest.raises(AddressError):
        norm(text)


def test_home_locality_splits_prefecture_and_city():
    assert split_locality("徳島県鳴門市撫養町南浜字東浜170") == ("徳島県", "鳴門市")


DEMO_ADDRESSES = [record[2] for record in demo.records(200)]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(DEMO_ADDRESSES), st.randoms(use_true_random=False))
def test_typed_variants_normalize_like_the_registry(address, rng):
    assert norm(typed_address(address, rng)) == norm(address)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(DEMO_ADDRESSES), st.randoms(use_true_random=False))
def test_a_normalized_address_normalizes_to_itself(address, rng):
    once = norm(typed_address(address, rng))
    assert norm(once) == once


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(DEMO_ADDRESSES), st.integers(min_value=1, max_value=9))
def test_another_lot_number_never_matches(address, digit):
    changed = address.replace("番地", f"{digit}番地", 1)
    assert norm(changed) != norm(address)


@pytest.mark.parametrize(
    "rule, one, other",
    [
        ("ノ for の between numbers", "撫養町黒崎字松島135ノ1", "撫養町黒崎字松島135の1"),
        ("half-width ﾉ", "撫養町黒崎字松島135ﾉ1", "撫養町黒崎字松島135-1"),
        ("齋 / 斎", "撫養町齋田字浜端5", "撫養町斎田字浜端5"),
        ("檜 / 桧", "大麻町檜字東山12", "大麻町桧字東山12"),
        ("澤 / 沢", "大津町澤口3-4", "大津町沢口3-4"),
        ("邊 / 邉 / 辺", "瀬戸町渡邊10", "瀬戸町渡邉10"),
        ("嶋 / 島", "鳴門町高嶋字浜ノ宮2", "鳴門町高島字浜ノ宮2"),
        ("冨 / 富", "撫養町冨士見8", "撫養町富士見8"),
        ("﨑 / 崎", "撫養町黒﨑字松島48", "撫養町黒崎字松島48"),
        ("hiragana place name", "撫養町字みどり台3", "撫養町字ミドリ台3"),
        ("half-width katakana", "撫養町字ﾐﾄﾞﾘ台3", "撫養町字ミドリ台3"),
        ("okurigana dropped", "撫養町字地廻り7", "撫養町字地廻7"),
        ("connective left out", "撫養町字宮ノ前7", "撫養町字宮前7"),
        ("の / ノ in a name", "撫養町字宮の前7", "撫養町字宮ノ前7"),
        ("ヶ / ケ / が / ガ", "撫養町字関ヶ原2", "撫養町字関が原2"),
        ("ケ / ガ", "撫養町字関ケ原2", "撫養町字関ガ原2"),
        ("ツ / つ", "鳴門町三ツ石字松原9", "鳴門町三つ石字松原9"),
    ],
)
def test_what_a_clerk_reads_as_the_same_address_agrees(rule, one, other):
    assert norm(one) == norm(other), rule


@pytest.mark.parametrize(
    "one, other",
    [("撫養町黒崎字松島135ノ1", "撫養町黒崎字松島135ノ2"), ("撫養町字二ノ坪3", "撫養町字三ノ坪3"),
     ("撫養町字宮ノ前7", "撫養町字宮ノ後7"), ("大麻町桧字東山12", "大麻町桧字西山12"),
     ("撫養町字松原二ノ三", "撫養町字松原二十三")],
)
def test_folding_never_joins_different_places_or_numbers(one, other):
    assert norm(one) != norm(other)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(DEMO_ADDRESSES), st.randoms(use_true_random=False), st.integers(1, 9))
def test_changing_any_number_of_a_typed_variant_never_matches(address, rng, digit):
    numbers = list(re.finditer(r"\d+", address))
    target = rng.choice(numbers)
    changed = address[:target.start()] + str(int(target.group()) + digit) + address[target.end():]
    assert norm(typed_address(changed, rng)) != norm(address)
