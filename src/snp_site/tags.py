"""Tags editors put in Markdown, such as [[cijfer pilot.brieven]] or [[grafiek trechter ...]].

One syntax for everything the build fills in from data, so a figure, a chart or the estimate
table is never typed twice. Each tag name has a check (run before anything is written, worded
in Dutch) and a renderer (run when MkDocs reads the page).
"""

from __future__ import annotations

import difflib
import posixpath
from html import escape
from collections.abc import Callable
from dataclasses import dataclass, field

from snp_site import charts, estimate
from snp_site.content import editions, figures_tag
from snp_site.content.models import Content

Problem = tuple[str, str, str]
"""(code, message, fix) of a tag that cannot be filled in."""


@dataclass(frozen=True)
class TagContext:
    """What a renderer may use: the content model and where the page lives."""

    content: Content
    page_url: str
    """URL of the page relative to the site root, e.g. 'uw-gemeente/' ('' for the home page)."""
    urls: dict[str, str] = field(default_factory=dict)
    """Site-relative URL of every page by src_uri, as MkDocs computed it."""

    def link(self, site_path: str) -> str:
        """A relative link from this page to a path relative to the site root."""
        here = posixpath.dirname(self.page_url) if not self.page_url.endswith("/") else self.page_url
        link = posixpath.relpath(site_path or ".", here.rstrip("/") or ".")
        return link + "/" if site_path.endswith("/") and not link.endswith("/") else link

    def link_to_page(self, src_uri: str) -> str:
        return self.link(self.urls[src_uri])


@dataclass(frozen=True)
class TagSpec:
    check: Callable[[list[str], Content], Problem | None]
    render: Callable[[list[str], TagContext], str]


def _check_download(args: list[str], content: Content) -> Problem | None:
    if args != ["toolkit"]:
        return ("download-syntax", f"'[[download {' '.join(args)}]]' noemt geen bekende download.",
                "Schrijf [[download toolkit]] op een eigen regel.")
    return None


TAGS: dict[str, TagSpec] = {
    "cijfer": TagSpec(figures_tag.check_figure, figures_tag.render_figure),
    "grafiek": TagSpec(charts.check_chart, charts.render_chart),
    "schatting": TagSpec(estimate.check_estimate, estimate.render_estimate),
    # Left as written here: the toolkit stage fills it in once the PDF and its size exist.
    "download": TagSpec(_check_download, lambda args, context: "[[download toolkit]]"),
    editions.TAG: TagSpec(editions.check_code, editions.render_code),
}


def check_tag(name: str, args: list[str], content: Content) -> Problem | None:
    spec = TAGS.get(name)
    if spec is None:
        close = difflib.get_close_matches(name, list(TAGS), n=1, cutoff=0.6)
        hint = f"Bedoelde u [[{close[0]} ...]]? " if close else ""
        return ("onbekende-code", f"'[[{name}]]' is geen bekende code.",
                f"{hint}Bekende codes: {', '.join(f'[[{n} ...]]' for n in sorted(TAGS))}. Wilt u echt "
                "dubbele rechte haken in de tekst, zet ze dan tussen backticks (`).")
    return spec.check(args, content)


def render_tag(name: str, args: list[str], context: TagContext) -> str:
    """The tag filled in; a tag that fails its check stays as written (the build fails on it anyway)."""
    spec = TAGS.get(name)
    if spec is None or spec.check(args, context.content) is not None:
        return escape(f"[[{' '.join([name, *args])}]]")
    return spec.render(args, context)
