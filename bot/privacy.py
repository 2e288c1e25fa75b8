"""What in a text is personal: the one place that decides it.

The tracker store redacts what residents typed, every log line is scrubbed, and the
staff views hide questions, all through this module. It finds addresses and dates in
digits and in kanji numerals, Japanese-calendar dates, phone numbers in any separator
style, postal codes, e-mail addresses, names introduced as names, and long digit runs
(insurance, card, account numbers).

Linear time: every quantifier is bounded and small, so each start position costs a
constant; text of any length and shape (a wall of digits and spaces froze the old
patterns for seconds) is scanned in one pass per pattern. Pure: no I/O.
"""
import re
import unicodedata
from dataclasses import dataclass
from typing import List

REDACTED = "[redacted]"

_KANJI_DIGIT = "〇一二三四五六七八九十百千"
_NUM = rf"(?:\d{{1,5}}|[{_KANJI_DIGIT}]{{1,6}})"
_SMALL = rf"(?:\d{{1,2}}|[{_KANJI_DIGIT}]{{1,3}})"
_DASH = "\\-ー－‐―−–—"
_SPACE = r"[ \t\u3000]?"

_PATTERNS = {
    "email": re.compile(r"(?<![\w.%+\-])[\w.%+\-]{1,64}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){1,8}"),
    "date": re.compile(
        # 1950年1月2日, 1950/1/2, 1950-01-02, 1950.1.2
        rf"(?<!\d)(?:1[89]|20)\d\d{_SPACE}[年/.{_DASH}]{_SPACE}\d{{1,2}}{_SPACE}[月/.{_DASH}]{_SPACE}\d{{1,2}}(?!\d)"
        # 昭和25年1月2日, 昭和二十五年一月二日, S25.1.2, 平成元年2月1日
        rf"|(?:明治|大正|昭和|平成|令和|(?<![A-Za-z])[MTSHRmtshr]){_SPACE}(?:元|{_SMALL}){_SPACE}[年./{_DASH}]"
        rf"{_SPACE}{_SMALL}{_SPACE}[月./{_DASH}]{_SPACE}{_SMALL}"
        # 25年1月2日生まれ, 1月2日生まれ
        rf"|(?:{_SMALL}年)?{_SMALL}月{_SMALL}日{_SPACE}(?:生まれ|生|うまれ)"
    ),
    "phone": re.compile(
        rf"(?<![\d+])(?:\+81[ {_DASH}]?|0)\d{{1,4}}[ ()（）{_DASH}]{{0,2}}\d{{1,4}}[ ()（）{_DASH}]{{0,2}}\d{{3,4}}(?!\d)"
    ),
    "postal": re.compile(rf"〒{_SPACE}\d{{3}}{_SPACE}[{_DASH}]?{_SPACE}\d{{4}}|(?<![\d{_DASH}])\d{{3}}[{_DASH}]\d{{4}}(?![\d{_DASH}])"),
    "address": re.compile(
        # 215番地, 一丁目, 十二番地の二, 12番3号
        rf"{_NUM}{_SPACE}(?:番地|丁目)|\d{{1,5}}{_SPACE}番{_SPACE}\d{{1,4}}"
        # 松原215-10, 大津町木津野123の4, 48ノ1
        rf"|[^\d\s,、]{_SPACE}\d{{1,5}}{_SPACE}[{_DASH}のノ]{_SPACE}\d{{1,4}}"
        # 撫養町南浜字東浜170: a number soon after 町・村・字, not a count, date or time
        rf"|[町村字][^\d\s]{{0,8}}?\d{{1,5}}(?![\d,件人年月日時分回歳%])"
    ),
    "number": re.compile(rf"(?<![\d,.])\d(?:[ {_DASH}]?\d){{5,24}}(?![\d,])"),
}

# Names introduced as names. A name is kanji (a family name, a given name after an
# optional space) or a run of kana; what follows must close the introduction.
# After a space, only a given name in kanji or katakana: 「鳴門花子　なに…」 ends at 子.
_NAME = (r"(?:[一-龥々]{1,4}(?:[ \u3000][一-龥々ァ-ヶー]{1,5}|[一-龥々ぁ-んァ-ヶー]{0,5})"
         r"|[ァ-ヶー]{2,10}(?:[ \u3000][ァ-ヶー]{1,8})?|[ぁ-ん]{2,10})")
_CLOSE = r"(?=です|と申します|といいます|と言います|と申す|[。、！!？?\s]|$)"
_NAME_PATTERNS = (
    re.compile(rf"(?:名前|氏名|なまえ|お名前)(?:は|:|：)[ \u3000]?({_NAME}){_CLOSE}"),
    re.compile(rf"(?:私|わたし|わたくし|僕|ぼく)は[ \u3000]?({_NAME})(?=です|と申します|といいます|と言います)"),
    re.compile(rf"(?:^|[。\s])({_NAME})(?=と申します|といいます|と言います)"),
    # A message that opens with a name: 「鳴門太郎です。…」 (kanji only: 「そうです。」 is no name).
    re.compile(r"^([一-龥々]{2,4}[ \u3000]?[一-龥々]{0,3})です[。、]"),
)
# Words that follow 「私は」「名前は」 in ordinary questions and are not names: a reviewed
# list is the honest, linear way to keep 「私は対象ですか」 from being hidden.
_NOT_NAMES = ("対象", "心配", "不安", "保険", "国保", "社保", "市民", "住民", "高齢", "年金", "本人",
              "家族", "加入", "被害", "大丈夫", "関係", "漏", "流", "盗", "もれ", "どう", "なに", "何",
              "誰", "だれ", "いつ", "どこ", "外国", "会社", "学生", "主婦", "患者", "後期", "該当",
              "平気", "無事", "安心", "知り", "教え", "出", "載", "含", "入", "ない", "ある", "いる")


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int


def normalize(text: object) -> str:
    """NFKC of the text (full-width digits and letters become ASCII); never raises."""
    if not isinstance(text, str):
        return ""
    text = re.sub(r"[\ud800-\udfff]", "\ufffd", text)
    return unicodedata.normalize("NFKC", text)


def _names(text: str) -> List[Finding]:
    found = []
    for pattern in _NAME_PATTERNS:
        for match in pattern.finditer(text):
            name = match.group(1)
            if name.strip() and not any(word in name for word in _NOT_NAMES):
                found.append(Finding("name", match.start(1), match.end(1)))
    return found


def find_personal(text: object) -> List[Finding]:
    """Personal spans of normalize(text), sorted and not overlapping."""
    text = normalize(text)
    found = [Finding(kind, match.start(), match.end())
             for kind, pattern in _PATTERNS.items() for match in pattern.finditer(text)]
    found += _names(text)
    merged: List[Finding] = []
    for finding in sorted(found, key=lambda f: (f.start, -f.end)):
        if merged and finding.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = Finding(last.kind, last.start, max(last.end, finding.end))
        else:
            merged.append(finding)
    return merged


def looks_personal(text: object) -> bool:
    return bool(find_personal(text))


def redact(text: object) -> str:
    """normalize(text) with each personal span replaced by its kind, e.g. [phone]."""
    text = normalize(text)
    parts, position = [], 0
    for finding in find_personal(text):
        parts += [text[position:finding.start], f"[{finding.kind}]"]
        position = finding.end
    return "".join(parts) + text[position:]
