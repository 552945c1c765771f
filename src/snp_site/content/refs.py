"""Find what a Markdown body points at (links, images, [[codes]]), with file line numbers.

A light scanner rather than a full parse: it skips fenced code and inline code, which is where
a bracket is text and not a link. Its output feeds the checks in `checks.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from snp_site.codes.syntax import split_args

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(`+)(?:.+?)\1")
_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
_CODE = re.compile(r"\[\[\s*([a-z]+)\b([^\]\[]*)\]\]")


@dataclass(frozen=True)
class Ref:
    kind: str
    """'link', 'image' or 'code' (a [[...]] code, see codes/)."""
    target: str
    """The address, or for a code its name."""
    text: str
    """Link text, alt text, or for a code its arguments."""
    line: int

    @property
    def args(self) -> list[str]:
        """A code's arguments: words, or a "quoted phrase" as one (see codes/syntax.py)."""
        return split_args(self.text)


def code_flags(body: str) -> Iterator[tuple[str, bool]]:
    """Each line of `body` with whether it belongs to a fenced code block (fences included)."""
    fence: str | None = None
    for line in body.split("\n"):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            yield line, True
        elif opening:
            fence = opening.group(1)
            yield line, True
        else:
            yield line, False


def open_fence(body: str) -> int | None:
    """The index of the line that opens a fenced code block nobody closes, if there is one
    (the same fence rules as `code_flags`)."""
    fence: str | None = None
    opened = 0
    for number, line in enumerate(body.split("\n")):
        match = _FENCE.match(line)
        if fence:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
        elif match:
            fence, opened = match.group(1), number
    return opened if fence else None


def blank_inline_code(line: str) -> str:
    """`line` with inline code replaced by spaces, so columns stay and code is never read as markup."""
    return _INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line)


def scan(body: str, first_line: int) -> Iterator[Ref]:
    """Yield every link, image and [[code]] of `body`, whose first line is `first_line`."""
    return iter(_scan(body, first_line))


@lru_cache(maxsize=1 << 12)
def _scan(body: str, first_line: int) -> tuple[Ref, ...]:
    """Cached: the checks, the citation notes and the lint each read the same bodies."""
    found = []
    for number, (line, in_code) in enumerate(code_flags(body), start=first_line):
        if in_code:
            continue
        visible = blank_inline_code(line)
        for m in _CODE.finditer(visible):
            found.append(Ref("code", m.group(1), m.group(2).strip(), number))
        for m in _LINK.finditer(visible):
            found.append(Ref("image" if m.group(1) else "link", m.group(3), m.group(2), number))
    return tuple(found)


def blank_code(body: str) -> str:
    """The body with fenced and inline code blanked out, line numbers kept: code is text, not HTML."""
    out = []
    for line, in_code in code_flags(body):
        out.append("" if in_code else blank_inline_code(line))
    return "\n".join(out)


def replace_codes(body: str, render: Callable[[str, list[str]], str]) -> str:
    """Replace [[codes]] outside code with `render(name, args)`; Markdown code keeps them as written."""
    out = []
    for line, in_code in code_flags(body):
        if in_code:
            out.append(line)
            continue
        parts, last = [], 0
        for code in _INLINE_CODE.finditer(line):
            parts.append(_CODE.sub(lambda m: render(m.group(1), split_args(m.group(2))), line[last:code.start()]))
            parts.append(code.group(0))
            last = code.end()
        parts.append(_CODE.sub(lambda m: render(m.group(1), split_args(m.group(2))), line[last:]))
        out.append("".join(parts))
    return "\n".join(out)
