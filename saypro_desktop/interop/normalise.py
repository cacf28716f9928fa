"""Clean one imported row into person fields, saying what was fixed and what was refused.

Imports are where bad data gets in, and where Excel has already damaged it: phone
numbers turned into ``2.7821234567E+10`` or ``821234567.0``, US ZIP codes that lost
their leading zero (``2111`` for Boston's ``02111``), dates in three national orders,
``0/0/00`` for "no birthday". Each fix is reported as a :class:`Problem` with severity
``"fixed"`` so the organiser can check it; values that cannot be saved are left out and
reported with severity ``"error"``, quoting the original so nothing is silently lost
(a phone number we cannot place is the one value kept as typed with an ``"error"``: it
needs the organiser's attention just as much).

Names are kept exactly as written (accents, apostrophes, CJK); only surrounding
whitespace is removed. The same validators the app uses for typed input
(:mod:`saypro_desktop.domain.people`) have the final word.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Literal

import phonenumbers

from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.domain.people import (
    DEFAULT_REGION,
    PERSON_FIELDS,
    clean_email,
    clean_phone,
    e164_with_extension,
)
from saypro_desktop.domain.text import clean_free_text

__all__ = [
    "NormalisedPerson",
    "Problem",
    "clean_cell",
    "excel_number_candidates",
    "infer_country",
    "normalise_date",
    "normalise_person",
    "normalise_phone",
    "normalise_postal_code",
    "normalise_yes_no",
]

Severity = Literal["fixed", "error"]

_STATE_LIST = (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE "
    "NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR"
)
US_STATES = frozenset(_STATE_LIST.split(" "))
# South African province abbreviations that are also US state codes.
_AMBIGUOUS_STATES = frozenset({"NC"})

_COUNTRY_NAMES: dict[str, str] = {
    "us": "US", "usa": "US", "unitedstates": "US", "unitedstatesofamerica": "US",
    "america": "US", "za": "ZA", "rsa": "ZA", "southafrica": "ZA", "suidafrika": "ZA",
    "uk": "GB", "unitedkingdom": "GB", "greatbritain": "GB", "england": "GB",
    "canada": "CA", "germany": "DE", "deutschland": "DE", "france": "FR",
    "denmark": "DK", "spain": "ES", "espana": "ES", "españa": "ES", "netherlands": "NL",
    "namibia": "NA", "botswana": "BW", "zimbabwe": "ZW", "lesotho": "LS",
    "eswatini": "SZ", "swaziland": "SZ", "mozambique": "MZ", "kenya": "KE",
    "nigeria": "NG", "ghana": "GH", "australia": "AU", "newzealand": "NZ",
    "caymanislands": "KY", "japan": "JP", "peru": "PE", "perú": "PE",
}

_EXCEL_SCIENTIFIC = re.compile(r"^\+?(\d+)(?:\.(\d+))?[eE]\+?(\d+)$")
_EXCEL_DECIMAL = re.compile(r"^(\+?\d+)\.0+$")
_NULL_DATES = frozenset({"0/0/00", "0/0/0000", "00/00/00", "00/00/0000", "0000-00-00",
                         "0.0.0000", "00.00.0000"})


@dataclass(frozen=True)
class Problem:
    """Something an organiser should look at: what field, what happened, how bad."""

    field: str
    message: str
    severity: Severity = "error"


@dataclass
class NormalisedPerson:
    """Cleaned person fields (only keys of ``PERSON_FIELDS``), import-only extras
    (country, birthday, organisation name, second email/phone) and the problems found."""

    person: dict[str, str]
    extras: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def clean_cell(value: object) -> str | None:
    """Strip a cell; whitespace-only (including non-breaking spaces) becomes None."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def infer_country(
    country: str | None, province: str | None = None, postal_code: str | None = None
) -> str | None:
    """Best guess at the row's ISO country code from country, state and postal code.

    A US state code or a 5-digit ZIP is evidence of the US; South African postal codes
    have 4 digits, so a bare 5-digit code argues against the default region.
    """
    text = clean_cell(country)
    if text:
        key = "".join(ch for ch in text.casefold() if ch.isalnum())
        if key in _COUNTRY_NAMES:
            return _COUNTRY_NAMES[key]
        if len(key) == 2 and key.upper() in phonenumbers.SUPPORTED_REGIONS:
            return key.upper()
        return None
    state = (clean_cell(province) or "").upper()
    postal = clean_cell(postal_code) or ""
    us_zip = re.fullmatch(r"\d{5}(-\d{4})?", postal) is not None
    if state in US_STATES and (state not in _AMBIGUOUS_STATES or us_zip):
        return "US"
    if not state and us_zip:
        return "US"
    return None


def excel_number_candidates(text: str) -> list[str]:
    """Undo what Excel does to a phone number stored as a number.

    ``821234567.0`` -> ``821234567``. ``2.7821234567E+10`` -> ``27821234567``. When the
    exponent claims more digits than the mantissa shows (Excel rounds in scientific
    display, or someone retyped it), the mantissa digits alone are offered second.
    Returns ``[text]`` unchanged when it does not look like an Excel number.
    """
    decimal = _EXCEL_DECIMAL.match(text)
    if decimal:
        return [decimal.group(1)]
    scientific = _EXCEL_SCIENTIFIC.match(text)
    if scientific:
        try:
            whole = str(int(Decimal(text.lstrip("+"))))
        except (InvalidOperation, ValueError):
            return [text]
        digits = scientific.group(1) + (scientific.group(2) or "")
        return [whole] if whole == digits else [whole, digits]
    return [text]


@functools.lru_cache(maxsize=65_536)
def _valid(candidate: str, region: str) -> str | None:
    """E.164 of a valid number, else None; cached per distinct text (a list repeats a
    household's or an office's number, and parsing is most of a row's work)."""
    try:
        number = phonenumbers.parse(candidate, region)
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_valid_number(number):
        return e164_with_extension(number)
    return None


def _local_only(e164: str) -> bool:
    number = phonenumbers.parse(e164, None)
    reason = phonenumbers.is_possible_number_with_reason(number)
    return bool(reason == phonenumbers.ValidationResult.IS_POSSIBLE_LOCAL_ONLY)


def normalise_phone(
    value: object, *, region: str = DEFAULT_REGION
) -> tuple[str | None, list[Problem]]:
    """Return ``(E.164 or None, problems)`` for a phone cell.

    Tries, in order: the text (after undoing Excel damage) in ``region``; the digits
    with a ``+`` (a country code typed without it); then a number with a country code
    of a possible length is kept in E.164 with a warning. A number with no country code
    that is not valid in ``region`` is kept exactly as typed and flagged, never turned
    into a made-up E.164 (``phonenumbers.is_valid_number`` decides, not the parser).
    An extension is kept (``;ext=``).
    """
    text = clean_cell(value)
    if text is None:
        return None, []
    if text.lower().startswith("tel:"):
        text = text[4:]
    text = text.lstrip("'")  # Excel's "store as text" apostrophe
    problems: list[Problem] = []
    candidates = excel_number_candidates(text)
    if candidates != [text]:
        problems.append(Problem("phone", f"'{text}' was mangled by a spreadsheet; "
                                         "recovered the digits, please check", "fixed"))
    for candidate in candidates:
        found = _valid(candidate, region)
        if found is None and candidate.isdigit():
            found = _valid("+" + candidate, region)
        if found is not None:
            return found, problems
    try:
        possible = clean_phone(candidates[0], region)
    except ValidationError as exc:
        return None, [*problems, Problem("phone", f"{exc} (left out; was '{text}')")]
    if possible and text.startswith(("+", "00")):
        problems.append(Problem(
            "phone", f"'{text}' is not a number in use in its country; kept as {possible}",
            "fixed"))
        return possible, problems
    # No country code and not valid here: any E.164 we made up would be a wrong number
    # (Outlook's "(123) 555-3333" is not +27 12 355 53333). Keep what was typed.
    reason = ("has no area code" if possible and _local_only(possible)
              else f"is not a valid number in {region} and has no country code")
    problems.append(Problem(
        "phone", f"'{text}' {reason}; kept as typed: add the country code (e.g. +1) "
                 "or the area code so it can be dialled"))
    return " ".join(clean_free_text(text).split()), problems


# What spreadsheets and CRMs write for a yes/no column (compared case-insensitively,
# ignoring spaces and punctuation): Excel's TRUE/FALSE, 1/0, Y/N, and the words.
YES_ANSWERS = frozenset({"yes", "y", "true", "t", "1", "x", "on", "ja", "yebo"})
NO_ANSWERS = frozenset({"no", "n", "false", "f", "0", "off", "nee", "cha"})


def normalise_yes_no(value: object, *, field_name: str = "answer"
                     ) -> tuple[bool | None, list[Problem]]:
    """Return ``(True/False or None, problems)`` for a yes/no cell (``Do_Not_Call``).

    ``FALSE``, ``TRUE``, ``0``, ``1``, ``no``, ``yes``, ``N``, ``Y`` in any case are
    answers; an empty cell is no answer (None, no problem); anything else is reported.
    """
    text = clean_cell(value)
    if text is None:
        return None, []
    key = "".join(ch for ch in text.casefold() if ch.isalnum())
    if key in YES_ANSWERS:
        return True, []
    if key in NO_ANSWERS:
        return False, []
    return None, [Problem(field_name, f"'{text}' is not a yes/no answer (use yes or no; "
                                      "left out)")]


def _year(two_or_four: str) -> int:
    year = int(two_or_four)
    if len(two_or_four) <= 2:
        pivot = dt.date.today().year % 100
        year += 2000 if year <= pivot else 1900
    return year


def normalise_date(
    value: object, *, day_first: bool = False, field_name: str = "date"
) -> tuple[str | None, list[Problem]]:
    """Return ``(ISO date or None, problems)`` for the date forms real exports use.

    ISO (with or without a time), ``YYYYMMDD``, ``m/d/yyyy`` and ``m/d/yy`` (US tools;
    ``day_first`` flips it, and a first part over 12 is taken as the day), ``d.m.yyyy``
    (German Outlook), ``--MM-DD`` (vCard 4 birthday without a year). Outlook's
    ``0/0/00`` means "no date" and gives None without a problem.
    """
    text = clean_cell(value)
    if text is None or text in _NULL_DATES:
        return None, []
    if re.fullmatch(r"--\d{2}-?\d{2}", text):
        digits = text.replace("-", "")
        return f"--{digits[:2]}-{digits[2:]}", []
    try:
        iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?", text)
        if match := iso or re.fullmatch(r"(\d{4})(\d{2})(\d{2})(?:T.*)?", text):
            year, month, day = (int(g) for g in match.groups())
        elif match := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?: .*)?", text):
            first, second = int(match.group(1)), int(match.group(2))
            swap = day_first or first > 12
            month, day = (second, first) if swap else (first, second)
            year = _year(match.group(3))
        elif match := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})", text):
            day, month = int(match.group(1)), int(match.group(2))
            year = _year(match.group(3))
        else:
            return None, [Problem(field_name, f"'{text}' is not a date we can read (left out)")]
        return dt.date(year, month, day).isoformat(), []
    except ValueError:
        return None, [Problem(field_name, f"'{text}' is not a real date (left out)")]


def normalise_postal_code(
    value: object, *, country: str | None = None
) -> tuple[str | None, list[Problem]]:
    """Return ``(postal code as text, problems)``.

    Restores leading zeros Excel dropped: a US ZIP of 1-4 digits is padded to 5
    (``2111`` -> ``02111``), a South African code of 1-3 digits to 4 (``1`` -> ``0001``),
    but only when the row's country says so; elsewhere digits are left alone.
    """
    text = clean_cell(value)
    if text is None:
        return None, []
    problems: list[Problem] = []
    if match := _EXCEL_DECIMAL.match(text):
        text = match.group(1)
    width = {"US": 5, "ZA": 4}.get(country or "")
    if width:
        match = re.fullmatch(r"(\d+)(-\d{4})?", text)
        if match and len(match.group(1)) < width:
            fixed = match.group(1).zfill(width) + (match.group(2) or "")
            problems.append(Problem(
                "postal_code", f"'{text}' lost its leading zero in a spreadsheet; "
                               f"restored to '{fixed}'", "fixed"))
            text = fixed
    return text, problems


def normalise_person(
    raw: Mapping[str, str], *, default_region: str = DEFAULT_REGION, day_first: bool = False
) -> NormalisedPerson:
    """Clean a ``{field: raw value}`` dict (from :func:`mapping.apply_mapping` or
    :func:`mapping.card_to_person`) into a person the app can save."""
    values = {name: text for name, value in raw.items() if (text := clean_cell(value))}
    result = NormalisedPerson(person={})
    problems = result.problems

    if not values.get("first_name") and not values.get("last_name") and values.get("full_name"):
        full = values["full_name"]
        first, _, last = full.rpartition(" ")
        if first:
            values["first_name"], values["last_name"] = first, last
        else:
            values["first_name"] = full
        problems.append(Problem("first_name", f"split the full name '{full}'", "fixed"))

    country = infer_country(values.get("country"), values.get("province"),
                            values.get("postal_code"))
    region = country or default_region
    if country:
        result.extras["country"] = country
    elif "country" in values:
        result.extras["country"] = values["country"]

    for name in ("phone", "secondary_phone"):
        if name in values:
            number, found = normalise_phone(values[name], region=region)
            problems.extend(Problem(name, p.message, p.severity) for p in found)
            if number:
                (result.person if name == "phone" else result.extras)[name] = number
    for name in ("email", "secondary_email"):
        if name in values:
            text = values[name]
            if text.lower().startswith("mailto:"):
                text = text[7:]
            try:
                email = clean_email(text)
            except ValidationError as exc:
                problems.append(Problem(name, f"{exc} (left out)"))
            else:
                if email:
                    (result.person if name == "email" else result.extras)[name] = email
    if "postal_code" in values:
        code, found = normalise_postal_code(values["postal_code"], country=country)
        problems.extend(found)
        if code:
            values["postal_code"] = code
        else:
            values.pop("postal_code")
    if "birthday" in values:
        iso, found = normalise_date(values["birthday"], day_first=day_first,
                                    field_name="birthday")
        problems.extend(found)
        if iso:
            result.extras["birthday"] = iso
    for name in ("organisation_name", "middle_name", "full_name", "saypro_id"):
        if name in values:
            result.extras[name] = values[name]

    for name, cleaner in PERSON_FIELDS.items():
        if name in ("phone", "email") or name not in values:
            continue
        try:
            cleaned = cleaner(values[name])
        except ValidationError as exc:
            problems.append(Problem(name, f"{exc} (left out)"))
            continue
        if cleaned:
            result.person[name] = cleaned
    return result
