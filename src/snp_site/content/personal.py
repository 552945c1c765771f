"""Numbers that identify a person: a citizen service number (BSN) or a bank account (IBAN).

The organisations behind the site handle bereaved people's data under a processing agreement;
one client's BSN or IBAN in a news item is a data breach. A nine-digit number is only called a
BSN when it passes the 11-proef and an IBAN only when its mod-97 check holds, so ordinary
numbers (a reference, a year range) are not mistaken for one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

BSN = re.compile(r"(?<![\w.,/-])(\d{4}\.\d{2}\.\d{3}|\d{3}[ .]\d{3}[ .]\d{3}|\d{9})(?![\w/-]|[.,]\d)")
IBAN = re.compile(r"\b([A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?)\b")


def is_bsn(text: str) -> bool:
    digits = [int(c) for c in text if c.isdigit()]
    if len(digits) != 9 or not any(digits):
        return False
    total = sum(d * w for d, w in zip(digits, range(9, 1, -1))) - digits[8]
    return total % 11 == 0


def is_iban(text: str) -> bool:
    compact = text.replace(" ", "").upper()
    if not 15 <= len(compact) <= 34:
        return False
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(c, 36)) for c in rearranged)
    return int(number) % 97 == 1


def personal_numbers(text: str) -> Iterator[tuple[str, str]]:
    """('burgerservicenummer (BSN)' or 'rekeningnummer (IBAN)', the number as written)."""
    for match in BSN.finditer(text):
        if is_bsn(match.group(1)):
            yield "burgerservicenummer (BSN)", match.group(1)
    for match in IBAN.finditer(text):
        if is_iban(match.group(1)):
            yield "rekeningnummer (IBAN)", match.group(1)
