"""Rasa starts only with the answers' generator: without it, residents would get names."""
import pytest

from bot.facts import REPO_ROOT
from bot.rasa_server import endpoints_problem


@pytest.mark.parametrize("path", ["endpoints.yml", "deploy/scale/endpoints.yml"])
def test_every_endpoints_file_renders_answers_with_the_current_facts(path):
    assert endpoints_problem(["--endpoints", str(REPO_ROOT / path)]) == ""


def test_an_endpoints_file_without_the_generator_is_refused(tmp_path):
    plain = tmp_path / "endpoints.yml"
    plain.write_text("action_endpoint:\n  url: http://localhost:5055/webhook\n", encoding="utf-8")
    assert "bot.nlg.FactsNLG" in endpoints_problem(["--model", "m", "--endpoints", str(plain)])
    assert "cannot read" in endpoints_problem(["--endpoints", str(tmp_path / "missing.yml")])
