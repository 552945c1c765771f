"""`snp nieuw`: a new news item with valid front matter, so an editor starts from a file that builds."""

from __future__ import annotations

import json
from pathlib import Path

from snp_site.content.models import news_slug
from snp_site.content.schema import TITLE_MAX
from snp_site.dates import PartialDate, parse_date, today
from snp_site.slugs import slugify

DESCRIPTION_PLACEHOLDER = "Vat hier in één zin samen waar het bericht over gaat."


class ScaffoldProblem(ValueError):
    """Why no file was made; the message is Dutch and says what to do."""


def file_name(title: str, date: PartialDate) -> str:
    slug = slugify(title)
    if not slug:
        raise ScaffoldProblem("de titel heeft geen letters of cijfers; geef het bericht een titel.")
    return f"{date.iso()}-{slug}.md"


def text(title: str, date: PartialDate) -> str:
    # JSON strings are valid YAML strings: quotes and colons in a title need no care from us.
    return (f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n"
            f"description: {json.dumps(DESCRIPTION_PLACEHOLDER, ensure_ascii=False)}\n"
            f"date: {date.iso()}\n"
            "# gemeenten: [Tilburg]\n"
            "# partners: [naam-van-de-partner]\n"
            f"---\n\n# {title}\n\nSchrijf hier het bericht. Gebruik korte zinnen en spreek de lezer aan met u.\n")


def create(news_dir: Path, title: str, date_text: str | None) -> Path:
    """Write the new item into news_dir and return its path; never overwrites."""
    title = " ".join(title.split())
    if not title:
        raise ScaffoldProblem("de titel is leeg; schrijf de titel tussen aanhalingstekens.")
    if len(title) > TITLE_MAX:
        raise ScaffoldProblem(f"de titel is {len(title)} tekens lang; het maximum is {TITLE_MAX}.")
    try:
        date = parse_date(date_text) if date_text else today()
    except ValueError as exc:
        raise ScaffoldProblem(f"--datum '{date_text}': {exc}. Schrijf bijvoorbeeld 2018-01-15 of 2018-01.") from exc
    path = news_dir / file_name(title, date)
    if path.exists():
        raise ScaffoldProblem(f"{news_dir.name}/{path.name} bestaat al; er is niets overschreven. Kies een andere titel.")
    slug = news_slug(path.name)
    same = sorted(p.name for p in news_dir.glob("*.md") if news_slug(p.name) == slug)
    if same:
        raise ScaffoldProblem(f"het bericht {same[0]} heeft al de naam '{slug}'; twee berichten kunnen "
                              "niet hetzelfde adres hebben. Kies een andere titel.")
    news_dir.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:
        out.write(text(title, date))
    return path


