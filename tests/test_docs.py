"""Documentation that cannot drift: every command and option is in docs/cli.md, and the
README's first two commands are the ones CI runs."""
import re
import subprocess
import sys

from conftest import ROOT


def test_cli_reference_is_up_to_date():
    r = subprocess.run([sys.executable, str(ROOT / "tools" / "cli_reference.py"), "--check"])
    assert r.returncode == 0, "docs/cli.md is out of date: run python tools/cli_reference.py"


def test_readme_opens_with_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```bash\n(.*?)\n```", readme, re.S)
    assert blocks[0].strip() == "pip install -e . && dyad extract examples/"
    test_cmd = blocks[1].strip()
    assert test_cmd == "pip install -e '.[test]' && pytest"
    assert test_cmd in (ROOT / ".ci" / "run").read_text().splitlines()


def test_every_language_file_key_is_documented():
    import json

    spec = (ROOT / "docs" / "data-format.md").read_text()
    keys = set()
    for p in (ROOT / "src" / "dyad" / "data" / "lang").glob("*.json"):
        keys |= set(json.loads(p.read_text(encoding="utf-8")))
    undocumented = [k for k in sorted(keys) if f'"{k}"' not in spec and f"`{k}`" not in spec]
    assert not undocumented, f"language-file keys missing from docs/data-format.md: {undocumented}"
