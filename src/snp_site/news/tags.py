"""Tag pages: one per gemeente and per partner that at least one news item names.

Addresses are nieuws/gemeente/<slug>/ and nieuws/partner/<slug>/. Gemeente names are slugified;
two different names that give one slug would share a page, so that is an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from snp_site.content.models import NewsItem, Partner
from snp_site.errors import ContentError
from snp_site.slugs import slugify

KINDS = ("gemeente", "partner")


@dataclass
class Tag:
    kind: str
    """'gemeente' or 'partner'."""
    slug: str
    label: str
    items: list[NewsItem] = field(default_factory=list)
    partner: Partner | None = None

    def src_uri(self, news_dir: str) -> str:
        return f"{news_dir}/{self.kind}/{self.slug}.md"


def collect(ordered: list[NewsItem], partners: dict[str, Partner]) -> tuple[list[Tag], list[ContentError]]:
    """Tags in a stable order (kind, slug), each with its items newest first."""
    tags: dict[tuple[str, str], Tag] = {}
    errors: list[ContentError] = []
    for item in sorted(ordered, key=lambda i: i.src_uri):
        for name in item.gemeenten:
            slug = slugify(name)
            if not slug:
                errors.append(ContentError(item.path, item.line_of("gemeenten"), "gemeente-zonder-letters",
                                           f"gemeente '{name}' heeft geen letters of cijfers.",
                                           "Schrijf de naam van de gemeente, bijvoorbeeld Tilburg."))
                continue
            tag = tags.setdefault(("gemeente", slug), Tag("gemeente", slug, name))
            if tag.label != name:
                errors.append(ContentError(
                    item.path, item.line_of("gemeenten"), "gemeente-twee-schrijfwijzen",
                    f"gemeente '{name}' krijgt hetzelfde adres als '{tag.label}' in een ander bericht.",
                    f"Schrijf de naam overal hetzelfde, bijvoorbeeld '{tag.label}'."))
        for slug in item.partners:
            if slug in partners:
                tags.setdefault(("partner", slug), Tag("partner", slug, partners[slug].name, partner=partners[slug]))
    for item in ordered:
        for name in item.gemeenten:
            tag = tags.get(("gemeente", slugify(name)))
            if tag and tag.label == name:
                tag.items.append(item)
        for slug in item.partners:
            if ("partner", slug) in tags:
                tags[("partner", slug)].items.append(item)
    return [tags[k] for k in sorted(tags)], errors
