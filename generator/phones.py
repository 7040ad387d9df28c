"""Chinese phone and fax numbers: validate with phonenumbers, format for links and for reading."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import phonenumbers
from phonenumbers import shortnumberinfo


@dataclass(frozen=True)
class Phone:
    """A validated number: `e164` for tel: links, `display` the way people in China write it."""

    e164: str  # "+8675582978745"; for short service numbers (12333) the digits themselves
    display: str  # "0755-8297 8745"
    digits: str  # "075582978745": what a search for a number fragment matches

    @property
    def tel(self) -> str:
        return f"tel:{self.e164}"


@cache  # the loader checks a cell, then builds the model from it: parse once
def parse_phone(raw: str) -> Phone | None:
    """Parse one Chinese number; None when phonenumbers rejects it."""
    text = raw.strip()
    if not text or any(ch.isalpha() for ch in text):
        return None
    try:
        number = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        return None
    if number.country_code != 86:  # +1 650 253 0000 is valid, but not a number of a Chinese office
        return None
    national = str(number.national_number)
    if phonenumbers.is_valid_number(number):
        grouped = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        # "0755 8297 8745" -> "0755-8297 8745": the area code joined by a hyphen, as printed in China
        area, _, rest = grouped.partition(" ")
        display = f"{area}-{rest}" if area.startswith("0") and rest else grouped
        digits = "".join(ch for ch in grouped if ch.isdigit())
        return Phone(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), display, digits)
    # Service hotlines such as 12333 (social insurance) are valid only as short numbers and are
    # dialled as they are. Three- and four-digit codes (110, 120 …) are emergency numbers, never
    # an office's line, so a short number must have at least five digits.
    if len(national) >= 5 and shortnumberinfo.is_valid_short_number_for_region(number, "CN"):
        return Phone(national, national, national)
    return None
