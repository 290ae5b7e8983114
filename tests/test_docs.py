"""Every command the README's usage block names exists, has help, and takes the options shown."""
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"


def usage_lines() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Usage", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "README's Usage section has no ```sh block"
    return [line for line in block.group(1).splitlines() if line.startswith("sitrep ")]


def documented() -> list[tuple[str, tuple[str, ...]]]:
    """(command, options shown with it) for each command in the usage block."""
    out = []
    for line in usage_lines():
        shown = line.split("#", 1)[0]
        options = tuple(sorted(set(re.findall(r"(--[a-z][a-z-]*)", shown))))
        for command in re.findall(r"\bsitrep ([a-z][a-z-]*)", shown):
            out.append((command, options))
    return out


def test_usage_block_is_parsed():
    commands = [c for c, _ in documented()]
    assert {"extract", "ingest", "eval", "claims", "failures"} <= set(commands)


@pytest.mark.parametrize("command, options", documented())
def test_documented_command_has_help(command, options):
    result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output and f" {command} " in result.output
    missing = [o for o in options if o not in result.output]
    assert not missing, f"README shows {missing} for `sitrep {command}`, its --help does not"


def code_commands() -> set[str]:
    """`sitrep <command>` anywhere the README shows code: fenced blocks and inline `code`."""
    text = README.read_text(encoding="utf-8")
    fenced = re.findall(r"```[a-z]*\n(.*?)```", text, re.S)
    rest = re.sub(r"```[a-z]*\n.*?```", "", text, flags=re.S)
    inline = re.findall(r"`([^`\n]+)`", rest)
    return {m for chunk in fenced + inline for m in re.findall(r"\bsitrep ([a-z][a-z-]*)", chunk)}


def test_every_command_the_readme_shows_exists():
    commands = code_commands()
    assert {"ledger", "correct", "serve", "eval"} <= commands
    for command in sorted(commands):
        result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200", "NO_COLOR": "1"})
        assert result.exit_code == 0 and "Usage:" in result.output, f"`sitrep {command}`: {result.output}"


def test_eval_help_lists_every_suite():
    from sitrep.eval.runner import SUITES
    result = CliRunner().invoke(app, ["eval", "--help"], env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert all(name in result.output for name in SUITES), result.output
    assert {"news", "wad", "polnear"} <= set(SUITES)


def test_eval_rejects_an_unknown_suite(tmp_path):
    (tmp_path / "eval").mkdir()
    result = CliRunner().invoke(app, ["eval", "--only", "plover,nope", "--shared", str(tmp_path),
                                      "--out", str(tmp_path / "r.json")], env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert result.exit_code == 2 and "unknown suite nope" in result.output
    assert not (tmp_path / "r.json").exists()
