"""What a code's check and renderer receive and return: a typed context and a typed problem."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple, Protocol

if TYPE_CHECKING:  # content/ depends on codes/, not the other way round
    from snp_site.contact import Contact
    from snp_site.content.models import Content


class Problem(NamedTuple):
    """Why a code cannot be filled in, in Dutch; the check stage adds file and line."""

    code: str
    message: str
    fix: str


@dataclass(frozen=True)
class CodeContext:
    """What a renderer may use: the content model and where the page lives."""

    content: Content
    page_url: str
    """URL of the page relative to the site root, e.g. 'uw-gemeente/' ('' for the home page)."""
    urls: dict[str, str] = field(default_factory=dict)
    """Site-relative URL of every page by src_uri, as MkDocs computed it."""
    contact: Contact | None = None
    """The contact route from mkdocs.yml, for [[contact]]."""

    def link(self, site_path: str) -> str:
        """A relative link from this page to a path relative to the site root."""
        here = posixpath.dirname(self.page_url) if not self.page_url.endswith("/") else self.page_url
        link = posixpath.relpath(site_path or ".", here.rstrip("/") or ".")
        return link + "/" if site_path.endswith("/") and not link.endswith("/") else link

    def link_to_page(self, src_uri: str) -> str:
        return self.link(self.urls[src_uri])


class Check(Protocol):
    def __call__(self, args: list[str], content: Content) -> Problem | None: ...


class Render(Protocol):
    def __call__(self, args: list[str], context: CodeContext) -> str: ...
