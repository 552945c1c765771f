"""The [[contact]] code: the site's contact route (the `contact` setting in mkdocs.yml) on a page.

On its own line. While the setting is empty it says plainly that the editors still have to fill
it in, so no page sends a reader on to another page that has no route either.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from snp_site.codes.context import CodeContext, Problem
from snp_site.contact import Contact

if TYPE_CHECKING:
    from snp_site.content.models import Content

NAME = "contact"


def check(args: list[str], content: Content) -> Problem | None:
    if args:
        return Problem("contact-syntax", f"'[[contact {' '.join(args)}]]' heeft iets achter contact.",
                       "Schrijf [[contact]] op een eigen regel; het adres komt uit de instelling contact in "
                       "mkdocs.yml.")
    return None


def render(args: list[str], context: CodeContext) -> str:
    return route_html(context.contact)


def route_html(contact: Contact | None) -> str:
    """The route as a paragraph of HTML, or the plain statement that there is none yet."""
    if contact is None or not contact.is_set:
        return ('<p class="snp-contact snp-contact--leeg"><strong>Er is nog geen contactadres.</strong> '
                "De redactie van deze site moet nog invullen bij welke organisatie u terechtkunt, met een "
                "e-mailadres of een webformulier. Tot dat is gebeurd, kunt u via deze site nog niemand "
                "bereiken.</p>")
    ways = []
    if contact.email:
        address = escape(contact.email)
        ways.append(f'stuur een e-mail naar <a href="mailto:{address}">{address}</a>')
    if contact.form:
        ways.append(f'vul <a href="{escape(contact.form)}">het contactformulier van '
                    f"{escape(contact.organisation)}</a> in")
    return (f'<p class="snp-contact">U kunt terecht bij {escape(contact.organisation)}: '
            f"{' of '.join(ways)}.</p>")
