"""The site's contact route: the `contact` setting of the snp plugin in mkdocs.yml.

A toegankelijkheidsverklaring without a way to report a problem is not valid, and no source gives
an address, so the editors fill one in: an organisation and an e-mail address or a web form.
The code [[contact]] (snp_site.codes.contact) shows that route on a page. A publishing build
(`snp controleer --publiceren`) refuses an empty setting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from typing import Any

from snp_site.errors import ContentError, reporter

CONFIG_FILE = "mkdocs.yml"
SETTING = "contact"

_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_FORM = re.compile(r"^https?://[^\s/]+\.[^\s/]+(?:/\S*)?$")
_EXAMPLE = ("Zet in mkdocs.yml onder de plugin snp een blok contact: met organisation: (wie de vragen "
            "beantwoordt) en email: (een e-mailadres) of form: (het adres van een webformulier, https://...). "
            "Vul alleen in wat de organisatie zelf opgeeft; verzin geen adres.")


@dataclass(frozen=True)
class Contact:
    organisation: str = ""
    email: str = ""
    form: str = ""

    @classmethod
    def from_config(cls, options: Any) -> Contact:
        def text(key: str) -> str:
            value = options.get(key)
            return value.strip() if isinstance(value, str) else ""
        return cls(text("organisation"), text("email"), text("form"))

    @property
    def is_set(self) -> bool:
        return bool(self.organisation and (self.email or self.form))

    @property
    def is_empty(self) -> bool:
        return not (self.organisation or self.email or self.form)


def setting_errors(contact: Contact) -> list[ContentError]:
    """Mistakes in a filled-in setting, reported in every build (an empty setting is no mistake
    until publishing)."""
    if contact.is_empty:
        return []

    errors: list[ContentError] = []
    report = reporter(CONFIG_FILE, errors)
    if not contact.organisation:
        report(None, "contact-zonder-organisatie", "bij contact ontbreekt organisation: wie de vragen "
               "beantwoordt.", _EXAMPLE)
    if not (contact.email or contact.form):
        report(None, "contact-zonder-route", "bij contact staat geen email: en geen form:, dus geen "
               "manier om de organisatie te bereiken.", _EXAMPLE)
    if contact.email and not _EMAIL.match(contact.email):
        report(None, "contact-e-mail", f"'{contact.email}' bij contact: email: is geen e-mailadres.",
               "Schrijf het adres zonder mailto: en zonder spaties, zoals naam@organisatie.nl.")
    if contact.form and not _FORM.match(contact.form):
        report(None, "contact-formulier", f"'{contact.form}' bij contact: form: is geen webadres.",
               "Schrijf het volledige adres van het formulier, beginnend met https://.")
    return errors


def read(options: Any, publishing: bool) -> tuple[Contact, list[ContentError]]:
    """The route from the plugin's `contact` options, with its mistakes (and, when publishing, the
    refusal of an empty one)."""
    contact = Contact.from_config(options)
    return contact, setting_errors(contact) + (publishing_errors(contact) if publishing else [])


def publishing_errors(contact: Contact) -> list[ContentError]:
    """The refusal of a publishing build without a contact route."""
    if contact.is_set or not contact.is_empty:
        return []  # a half-filled setting already has its own error
    return [ContentError(
        CONFIG_FILE, None, "contact-ontbreekt",
        "de instelling contact van de plugin snp is leeg. Zonder contactroute is de "
        "toegankelijkheidsverklaring niet geldig, en kan niemand een probleem of een vraag over privacy "
        "melden. Daarom wordt de site zo niet gepubliceerd.",
        _EXAMPLE)]
