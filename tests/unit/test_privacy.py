"""What is personal: found in every shape residents type it, ordinary questions left alone,
in linear time whatever the text."""
import re
import time

import pytest
from hypothesis import given, strategies as st

from bot.facts import load_facts
from bot.privacy import REDACTED, find_personal, looks_personal, normalize, redact

FACTS = load_facts()
# The city's own numbers, in the shapes residents type numbers.
AREA, LOCAL, LINE = FACTS["city_window_phone"].value.split("-")
# Facts as residents type them in a question (without the announcement's Western year).
RECORD_COUNT = FACTS["record_count"].value
TAKEN_WHEN = re.sub(r"（.*?）", "", FACTS["taken_when"].value)

PERSONAL = {
    "address": ["撫養町立岩字松原215番地10", "撫養町立岩字松原215-10", "大津町木津野123の4", "十二番地の二",
                "二百十五番地十", "一丁目2番3号", "黒崎字松島48ノ1", "鳴門町土佐泊浦字福池65-7", "○○町３丁目",
                "大麻町池谷字柳の本１７番地", "撫養町南浜字東浜170"],
    "date": ["1950年1月2日", "1950/1/2", "1950-01-02", "1950.1.2", "昭和25年1月2日", "昭和二十五年一月二日",
             "昭和四十年十二月二十五日", "平成元年2月1日", "S25.1.2", "s25/1/2", "H1.02.01", "Ｓ２５．１．２",
             "25年1月2日生まれ", "1月2日生まれ"],
    "phone": [f"{AREA}-{LOCAL}-{LINE}", f"{AREA} {LOCAL} {LINE}", f"{AREA}{LOCAL}{LINE}", f"({AREA}){LOCAL}-{LINE}",
              f"{AREA}（{LOCAL}）{LINE}", "090-1234-5678", "09012345678", "+81 90 1234 5678",
              FACTS["call_center_phone"].value, "０９０ー１２３４ー５６７８"],
    "postal": ["〒772-8501", "772-8501"],
    "email": ["taro.yamada@example.jp", "taro＠example.jp"],
    "name": ["名前は山田太郎です", "名前は山田です", "氏名：山田 太郎", "氏名は鳴門花子", "私は山田太郎です",
             "山田太郎と申します", "山田と言います", "やまだたろうといいます", "何件ですか。鳴門太郎と申します"],
    "number": ["1234 5678 9012 3456", "12345678", "記号12番号345678"],
}
ORDINARY = [
    "何件漏れたの？", f"{RECORD_COUNT}って本当？", f"流出件数は{RECORD_COUNT.replace(',', '')}ですか", "いつ漏れたの",
    f"{TAKEN_WHEN}に何があったの",
    "7月13日の警察の調査って？", "電話番号も漏れた？", "問い合わせ先の電話番号を教えて", "0120の番号は何時まで",
    "9時から20時まで？", "8時30分から17時15分", "県庁405会議室", "保険課の電話は何番", "私は対象ですか",
    "名前も漏れた？", "メールアドレスは漏れたの", "個人情報が漏れたのはなぜ", "マイナンバーも漏れた？",
    "口座番号は大丈夫？", "NTTビジネスソリューションズって何", "2016年の話ですか", "ろうえいけんすう",
    "なに　もれた　の", "😀😀😀", "<script>alert(1)</script>", "私は対象者ですか", "私は国保です", "私は70歳です",
    "私は心配です", "名前は漏れたの？", "名前も漏れたんですか", "氏名と住所が流出したの",
    "名前と住所と電話番号が漏れたって本当？", "私は社保ですが関係ありますか", "私はどうすればいいですか",
    "私の名前も漏れてますか", "10月18日現在", "20,000", "100", "3千件ってほんまですか", "名前は漏れたんです",
    "私は被保険者です", "平成28年の8月から12月まで？", "うちは国保で心配です",
]
# A full date is personal whatever it is about: 令和5年10月20日 (the prefecture's meeting)
# cannot be told from a birth date, and hiding a question costs less than keeping one.
OVER_REDACTED_ON_PURPOSE = ["令和5年10月20日の会議は何", "平成28年8月26日から同年12月28日まで？"]
ADVERSARIAL = {
    "digits and spaces": "1 " * 10_000, "digits": "1" * 20_000, "digits and hyphens": "0-" * 10_000,
    "eras": "昭和" * 10_000, "kanji numerals": ("二百十五番地" * 3_400)[:20_000], "私は": "私は" * 10_000,
    "名前は": ("名前は" * 7_000)[:20_000], "@": "@" * 20_000, "a@": "a@" * 10_000, "町1-": ("町1-" * 7_000)[:20_000],
    "a mix": ("1 0-昭和二百私は名前はa@町1-" * 1_000)[:20_000],
}


@pytest.mark.parametrize("kind, text", [(k, t) for k, texts in PERSONAL.items() for t in texts])
def test_personal_data_is_found(kind, text):
    assert looks_personal(text), text


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_questions_are_left_alone(text):
    assert not looks_personal(text), redact(text)


def test_a_message_that_opens_with_a_name_hides_it():
    assert redact("鳴門太郎です。何件漏れたの") == "[name]です。何件漏れたの"
    assert not looks_personal("大丈夫です。何件漏れたの")


@pytest.mark.parametrize("text", OVER_REDACTED_ON_PURPOSE)
def test_full_dates_are_hidden_even_in_questions(text):
    assert looks_personal(text)


def test_redaction_names_the_kind_and_keeps_the_question():
    assert redact("090-1234-5678に電話して、何件漏れたの") == "[phone]に電話して、何件漏れたの"
    assert REDACTED == "[redacted]"


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_twenty_thousand_characters_take_less_than_50_ms(name):
    text = ADVERSARIAL[name]
    best = min(_timed(text) for _ in range(3))
    assert best < 0.050, f"{name}: {best * 1000:.0f} ms"


def _timed(text: str) -> float:
    started = time.perf_counter()
    find_personal(text)
    return time.perf_counter() - started


@given(st.one_of(st.text(st.characters(blacklist_categories=())),
                 st.binary().map(lambda b: b.decode("utf-8", "surrogateescape"))))
def test_any_text_is_scanned_and_spans_are_sorted_within_bounds(text):
    found = find_personal(text)
    length = len(normalize(text))
    assert all(0 <= f.start < f.end <= length for f in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    assert isinstance(redact(text), str)


@given(st.sampled_from(ORDINARY), st.sampled_from([t for texts in PERSONAL.values() for t in texts]),
       st.sampled_from(ORDINARY))
def test_personal_data_inside_ordinary_text_is_still_found(before, personal, after):
    assert looks_personal(f"{before}　{personal}　{after}")


@given(st.lists(st.sampled_from(PERSONAL["phone"] + PERSONAL["number"]), min_size=1, max_size=3),
       st.sampled_from(ORDINARY))
def test_redacted_text_holds_no_long_digit_run(numbers, question):
    redacted = redact(question + "、" + "、".join(numbers))
    assert not any(run in redacted for run in ("1234", "5678", "1360", "345678"))


@pytest.mark.parametrize("value", [None, 42, b"090-1234-5678", ["x"]])
def test_anything_that_is_not_text_is_empty(value):
    assert looks_personal(value) is False and redact(value) == ""
