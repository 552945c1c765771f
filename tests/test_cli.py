"""The `snp` command as an editor meets it: Dutch help for every subcommand, exit codes with a
one-line summary, and colour only when a person is watching a terminal."""

from __future__ import annotations

import os
import pty
import re
import subprocess
from pathlib import Path

import pytest

from helpers import FIXTURES, apply, env, run, snp_subcommands, tool

ENGLISH = re.compile(r"\b(usage|options|optional arguments|positional arguments|show this help|"
                     r"error|required|invalid|expected|(?-i:CONFIG|OUTPUT))\b", re.IGNORECASE)
"""argparse's own English words, and English metavars, that must not reach an editor."""
CASE = FIXTURES / "invalid" / "vijf-fouten-tegelijk"


@pytest.mark.parametrize("args", [["--help"]] + [[name, "--help"] for name in snp_subcommands()],
                         ids=lambda args: " ".join(args))
def test_help_is_dutch(tmp_path: Path, args: list[str]) -> None:
    result = run(tmp_path, tool("snp"), *args)
    assert result.returncode == 0
    assert result.stdout.startswith("gebruik: snp") and "opties:" in result.stdout
    assert not ENGLISH.search(result.stdout), ENGLISH.search(result.stdout)


@pytest.mark.parametrize(("args", "expected"), [
    (["toolkit"], "snp toolkit: fout: deze argumenten ontbreken: --gemeente"),
    (["nieuw"], "snp nieuw: fout: deze argumenten ontbreken: titel"),
    (["nieuw", "Titel", "--datum"], "snp nieuw: fout: argument --datum: hier hoort één waarde bij"),
    (["controleer", "--onbekend"], "snp: fout: onbekende argumenten: --onbekend"),
    (["controleer"], "snp controleer: fout: argument -f/--config: het bestand 'mkdocs.yml' bestaat niet"),
])
def test_mistakes_on_the_command_line_are_answered_in_dutch(tmp_path: Path, args: list[str],
                                                            expected: str) -> None:
    """The last case is an editor who opened the terminal in the wrong folder: no mkdocs.yml there."""
    if args != ["controleer"]:
        (tmp_path / "mkdocs.yml").write_text("", encoding="utf-8")  # never read: parsing fails first
    result = run(tmp_path, tool("snp"), *args)
    assert result.returncode == 2
    assert expected in result.stderr and result.stderr.startswith("gebruik: snp")
    assert not ENGLISH.search(result.stderr), ENGLISH.search(result.stderr)


def controleer(project: Path, terminal: bool, **extra: str) -> tuple[int, str]:
    """`snp controleer` with stdout on a pseudo-terminal (as in a person's terminal) or a pipe."""
    if not terminal:
        result = subprocess.run([tool("snp"), "controleer"], cwd=project, env=env(**extra),
                                capture_output=True, text=True, timeout=300)
        return result.returncode, result.stdout
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen([tool("snp"), "controleer"], cwd=project, env=env(**extra),
                                   stdout=follower, stderr=subprocess.DEVNULL)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # Linux raises EIO once the child has closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        return process.wait(timeout=300), b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    finally:
        os.close(leader)


@pytest.mark.parametrize(("terminal", "extra", "coloured"), [
    (True, {}, True),
    (False, {}, False),
    (True, {"NO_COLOR": "1"}, False),
], ids=["terminal", "pijp", "terminal-met-NO_COLOR"])
def test_colour_only_on_a_terminal(base_copy: Path, terminal: bool, extra: dict[str, str], coloured: bool) -> None:
    apply(base_copy, CASE / "project")
    code, output = controleer(base_copy, terminal, **extra)
    assert code == 1
    assert ("\x1b[" in output) is coloured
    plain = re.sub(r"\x1b\[[0-9;]*m", "", output)
    assert plain == (CASE / "expected.txt").read_text(encoding="utf-8")

