"""Conversation tests: `rasa test core` on stories written with residents' own words."""
import subprocess
import sys
from pathlib import Path

from bot.facts import REPO_ROOT

STORIES = REPO_ROOT / "tests" / "stories"
MODEL = REPO_ROOT / "models" / "assistant.tar.gz"
REPORT_DIR = REPO_ROOT / "reports" / "conversations"


def test_every_conversation_story_passes():
    rasa = str(Path(sys.executable).parent / "rasa")
    result = subprocess.run(
        [rasa, "test", "core", "--model", str(MODEL), "--stories", str(STORIES),
         "--out", str(REPORT_DIR), "--fail-on-prediction-errors"],
        cwd=REPO_ROOT, capture_output=True, text=True,
    )
    failed = REPORT_DIR / "failed_test_stories.yml"
    details = failed.read_text(encoding="utf-8") if failed.exists() else result.stdout[-3000:]
    assert result.returncode == 0, details
