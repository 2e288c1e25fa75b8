"""`python -m bot.registry`: import the city's export, check, and report without content."""
import csv
import json
import os
import subprocess
import sys
from datetime import datetime

import pytest

from bot.birthdate import to_japanese_era
from bot.facts import REPO_ROOT
from bot.registry import demo


def registry(*args: str):
    return subprocess.run([sys.executable, "-m", "bot.registry", *args], cwd=REPO_ROOT,
                          env=os.environ.copy(), capture_output=True, text=True)


def write(path, rows, encoding="utf-8"):
    with path.open("w", encoding=encoding, newline="") as out:
        csv.writer(out).writerows(rows)
    return path


@pytest.fixture
def cp932_export(tmp_path, registry_env):
    path = tmp_path / "export_cp932.csv"
    demo.write_csv(path, count=50, encoding="cp932", birthdate_format=to_japanese_era)
    return path


def first_record():
    record = next(demo.records(1))
    return record[2], datetime.strptime(record[3], "%Y/%m/%d").date()


def test_import_cp932_with_japanese_calendar_then_check(cp932_export):
    result = registry("import", str(cp932_export))
    assert result.returncode == 0
    assert "imported 50 rows" in result.stdout
    address, born = first_record()
    check = registry("check", "--address", address.replace("鳴門市", ""), "--birthdate", to_japanese_era(born, letters=True))
    assert (check.returncode, json.loads(check.stdout)) == (0, {"affected": True})
    other = registry("check", "--address", address, "--birthdate", "1901/1/1")
    assert json.loads(other.stdout) == {"affected": False}


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8"])
def test_import_utf8_with_or_without_bom(tmp_path, registry_env, encoding):
    path = tmp_path / "export.csv"
    demo.write_csv(path, count=10, encoding=encoding)
    assert "imported 10 rows" in registry("import", str(path)).stdout


def test_rejected_rows_are_reported_by_line_without_content(tmp_path, registry_env):
    path = write(tmp_path / "mixed.csv", [
        ["氏名", "住所", "生年月日"],
        ["見本 太郎", "撫養町南浜字東浜170", "昭和25年1月2日"],
        ["見本 花子", "東浜", "1950/1/2"],
        ["見本 一郎", "撫養町南浜字東浜171", "昭和99年99月1日"],
        ["見本 次郎"],
    ])
    result = registry("import", str(path))
    assert result.returncode == 0
    assert "imported 1 rows" in result.stdout and "rejected 3" in result.stdout
    for line in ("line 3", "line 4", "line 5"):
        assert line in result.stdout
    for content in ("見本", "東浜", "1950", "昭和99", "171"):
        assert content not in result.stdout + result.stderr


@pytest.mark.parametrize(
    "content",
    [b"\x00\xff\xfe garbage \x81", "住所,電話番号\n撫養町1,000\n".encode("utf-8"),
     "住所,生年月日\n東浜,あした\n".encode("utf-8"), b""],
    ids=["binary", "no-birthdate-column", "no-usable-row", "empty"],
)
def test_a_bad_file_leaves_the_previous_registry_whole(tmp_path, registry_env, cp932_export, content):
    registry("import", str(cp932_export))
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    result = registry("import", str(bad))
    assert result.returncode == 1 and "unchanged" in result.stderr
    assert json.loads(registry("status").stdout)["records"] == 50


def test_a_new_import_replaces_the_old_set(tmp_path, registry_env, cp932_export):
    registry("import", str(cp932_export))
    address, born = first_record()
    only_other = write(tmp_path / "other.csv", [["住所", "生年月日"], ["撫養町南浜字東浜170", "1950/1/2"]])
    registry("import", str(only_other))
    assert json.loads(registry("status").stdout)["records"] == 1
    check = registry("check", "--address", address, "--birthdate", born.isoformat())
    assert json.loads(check.stdout) == {"affected": False}


def test_unreadable_birthdate_exits_2_with_a_clear_message(registry_env, cp932_export):
    registry("import", str(cp932_export))
    result = registry("check", "--address", "撫養町南浜字東浜170", "--birthdate", "昭和25年13月1日")
    assert result.returncode == 2
    assert "birth date" in result.stderr and "昭和25年13月1日" not in result.stderr


def test_without_a_key_nothing_is_imported(registry_env, monkeypatch, cp932_export):
    # Set but empty: python-dotenv does not override it from a developer's .env.
    monkeypatch.setenv("REGISTRY_HMAC_KEY", "")
    result = registry("import", str(cp932_export))
    assert result.returncode == 1 and "REGISTRY_HMAC_KEY" in result.stderr
