"""How a code's arguments are written: words split on spaces, or a double-quoted phrase as one.

[[bron kamerbrief "vaak meerdere keren"]] has the arguments `kamerbrief` and `vaak meerdere
keren`. A quote that is not closed is an ordinary character, so the code's check reports it.
"""

from __future__ import annotations

import re

_ARG = re.compile(r'"([^"]*)"(?=\s|$)|(\S+)')


def split_args(text: str) -> list[str]:
    """The arguments of a code, as written after its name."""
    return [quoted if quoted is not None else word for quoted, word in
            ((m.group(1), m.group(2)) for m in _ARG.finditer(text))]


def written(name: str, args: list[str]) -> str:
    """The code as an editor would write it: arguments with a space get their quotes back."""
    shown = [f'"{a}"' if not a or any(c.isspace() for c in a) else a for a in args]
    return f"[[{' '.join([name, *shown])}]]"
