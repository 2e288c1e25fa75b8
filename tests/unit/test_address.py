"""Address normalization: the ways residents type one address agree; real differences stay."""

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
