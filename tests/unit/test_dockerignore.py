"""Images carry no secret: the build context never holds .env, var/, models/ or .venv/."""
import fnmatch
from pathlib import Path
from typing import Iterable, List

from bot.facts import REPO_ROOT


def patterns() -> List[str]:
    lines = (REPO_ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def sent(path: str, rules: Iterable[str]) -> bool:
    """Docker's rule: the last pattern that matches decides; '!' re-includes."""
    included = True
    for rule in rules:
        negated, pattern = rule.startswith("!"), rule.lstrip("!").rstrip("/")
        parts = Path(path).parts
        prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
        if any(fnmatch.fnmatchcase(prefix, pattern) or fnmatch.fnmatchcase(prefix, pattern.replace("**/", ""))
               for prefix in prefixes):
            included = negated
    return included


def test_secrets_databases_and_models_stay_out_of_the_build_context():
    rules = patterns()
    for path in [".env", ".env.production", "var/tracker.db", "var/registry/registry.db",
                 "models/assistant.tar.gz", ".venv/bin/python", "reports/x.png",
                 "bot/__pycache__/settings.cpython-310.pyc"]:
        assert not sent(path, rules), f"{path} would be sent to the image build"


def test_the_code_and_data_are_sent():
    rules = patterns()
    for path in [".env.example", "bot/settings.py", "data/facts.yml", "requirements.txt",
                 "deploy/docker/Dockerfile.base", "config.yml"]:
        assert sent(path, rules), f"{path} would be missing from the image"


def test_every_file_of_the_real_tree_is_judged_the_same_way():
    rules = patterns()
    leaked = [str(path.relative_to(REPO_ROOT)) for path in REPO_ROOT.rglob("*")
              if path.is_file() and ".git" not in path.parts and ".venv" not in path.parts
              and sent(str(path.relative_to(REPO_ROOT)), rules)
              and (path.name == ".env" or path.relative_to(REPO_ROOT).parts[0] in ("var", "models"))]
    assert leaked == []
