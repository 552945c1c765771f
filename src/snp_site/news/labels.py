"""Label pages: one per gemeente and per partner that at least one news item names.

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
class Label:
    kind: str
    """'gemeente' or 'partner'."""
    slug: str
    label: str
    items: list[NewsItem] = field(default_factory=list)
    partner: Partner | None = None

    def src_uri(self, news_dir: str) -> str:
        return f"{news_dir}/{self.kind}/{self.slug}.md"


def collect_labels(ordered: list[NewsItem], partners: dict[str, Partner]) -> tuple[list[Label], list[ContentError]]:
    """Labels in a stable order (kind, slug), each with its items newest first."""
    labels: dict[tuple[str, str], Label] = {}
    errors: list[ContentError] = []
    for item in sorted(ordered, key=lambda i: i.src_uri):
        for name in item.gemeenten:
            slug = slugify(name)
            if not slug:
                errors.append(ContentError(item.path, item.line_of("gemeenten"), "gemeente-zonder-letters",
                                           f"gemeente '{name}' heeft geen letters of cijfers.",
                                           "Schrijf de naam van de gemeente, bijvoorbeeld Tilburg."))
                continue
            label = labels.setdefault(("gemeente", slug), Label("gemeente", slug, name))
            if label.label != name:
                errors.append(ContentError(
                    item.path, item.line_of("gemeenten"), "gemeente-twee-schrijfwijzen",
                    f"gemeente '{name}' krijgt hetzelfde adres als '{label.label}' in een ander bericht.",
                    f"Schrijf de naam overal hetzelfde, bijvoorbeeld '{label.label}'."))
        for slug in item.partners:
            if slug in partners:
                labels.setdefault(("partner", slug), Label("partner", slug, partners[slug].name, partner=partners[slug]))
    for item in ordered:
        for name in item.gemeenten:
            label = labels.get(("gemeente", slugify(name)))
            if label and label.label == name:
                label.items.append(item)
        for slug in item.partners:
            if ("partner", slug) in labels:
                labels[("partner", slug)].items.append(item)
    return [labels[k] for k in sorted(labels)], errors
