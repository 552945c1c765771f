"""Last stage of a page: repair markup that Material writes invalid, before it is saved.

Material 9.8 writes tabindex="" on the labels of navigation sections (navigation.sections):
an empty tabindex is invalid HTML (the Nu Html Checker reports it) and browsers ignore it, so
removing it changes no behaviour. A template override would copy all of nav-item.html.
"""

from __future__ import annotations

import re

_EMPTY_TABINDEX = re.compile(r'(<label\b[^>]*?)\stabindex=""')


def repair(html: str) -> str:
    return _EMPTY_TABINDEX.sub(r"\1", html)
