"""Recognise where a contacts table came from and map its columns to person fields.

Organisers get lists from Google, Outlook (also German Outlook), Thunderbird,
Mailchimp, NGP VAN, ActionKit, LinkedIn, Event Espresso and Salesforce. Each names the
same things differently ("E-mail Address", "Primary Email", "Email Address", "EMAIL",
"E-Mail-Adresse"), so headers are compared after folding case and dropping spaces,
underscores and punctuation. The proposal is a plain ``{column: field}`` dict: the
import screen shows it, a person corrects it, and it is saved as JSON to re-apply to
next month's export from the same tool.

Several columns may map to one field (Mobile, Home and Work phone all to ``phone``);
dict order is priority order and the first non-empty value wins, so a row with no
mobile number still gets its home number.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence

from saypro_desktop.domain.people import PERSON_FIELDS
from saypro_desktop.interop.vcard.card import Card

__all__ = [
    "EXTRA_FIELDS",
    "SOURCES",
    "TARGET_FIELDS",
    "apply_mapping",
    "card_to_person",
    "detect_source",
    "mapping_from_json",
    "mapping_to_json",
    "normalise_header",
    "propose_mapping",
]

# Fields an import needs that a person record does not store directly: they feed
# normalisation (country decides the phone region, full_name is split when there is no
# first/last) or are shown to the organiser (organisation_name to link an organisation).
EXTRA_FIELDS: tuple[str, ...] = (
    "full_name",
    "middle_name",
    "organisation_name",
    "country",
    "birthday",
    "secondary_email",
    "secondary_phone",
    "saypro_id",  # our own export's id column: an import matches on it first
)
TARGET_FIELDS: tuple[str, ...] = (*PERSON_FIELDS, *EXTRA_FIELDS)

SOURCES: tuple[str, ...] = (
    "google_new", "google_legacy", "outlook", "thunderbird", "mailchimp", "ngpvan",
    "actionkit", "linkedin", "eventespresso", "salesforce", "generic",
)

# Normalised header -> field, in priority order within each field (earlier wins).
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "saypro_id": ("sayproid",),
    "first_name": ("firstname", "givenname", "first", "fname", "forename", "vorname",
                   "prenom", "prénom"),
    "last_name": ("lastname", "familyname", "surname", "last", "lname", "nachname",
                  "nom", "nomdefamille"),
    "middle_name": ("middlename", "additionalname", "weiterevornamen"),
    "preferred_name": ("nickname", "preferredname", "knownas", "spitzname"),
    "full_name": ("displayname", "fullname", "name", "contactname", "emaildisplayname"),
    "email": ("email", "emailaddress", "primaryemail", "email1value", "email1address",
              "emailadresse", "mail", "emailaddress1", "workemail", "homeemail"),
    "secondary_email": ("secondaryemail", "email2address", "email2value", "emailadresse2",
                        "email2", "emailaddress2"),
    "phone": ("mobilephone", "mobile", "cellphone", "cell", "mobilenumber", "mobiltelefon",
              "handy", "phone", "phone1", "phonenumber", "phone1value", "primaryphone", "telephone",
              "tel", "homephone", "businessphone", "workphone", "telefongeschäftlich",
              "telefonprivat", "optinphone"),
    "secondary_phone": ("phone2value", "businessphone2", "homephone2", "phone2",
                        "otherphone"),
    # Google's current export says "Organization Title"/"Organization Name"; its older one
    # numbered them ("Organization 1 - Title").
    "job_title": ("jobtitle", "position", "occupation", "organization1title",
                  "organizationtitle", "role", "beruf", "positionfunktion"),
    "organisation_name": ("company", "companyname", "organization", "organisation",
                          "organization1name", "organizationname", "employer", "firma",
                          "accountname"),
    "address": ("streetaddress", "street", "addressline1", "address1street",
                "mailingaddress1", "mailingstreet", "homestreet", "businessstreet",
                "billingaddressline1", "billingstreet", "homeaddress", "workaddress",
                "straßegeschäftlich", "straßeprivat", "strasse", "address"),
    "city": ("city", "mailingcity", "homecity", "businesscity", "workcity", "address1city",
             "billingcity", "ortgeschäftlich", "ortprivat", "town", "ort", "stadt"),
    "province": ("state", "province", "region", "mailingstate", "homestate",
                 "businessstate", "workstate", "address1region", "billingstate",
                 "bundesland", "bundeslandkantongeschäftlich"),
    "postal_code": ("zip", "zipcode", "postalcode", "postcode", "ziporpostal",
                    "mailingzip", "mailingpostalcode", "homezipcode", "workzipcode",
                    "homepostalcode", "businesspostalcode", "address1postalcode",
                    "billingzip", "billingpostalcode", "postleitzahl", "plz",
                    "postleitzahlgeschäftlich", "postleitzahlprivat"),
    "country": ("country", "countryregion", "mailingcountry", "homecountry",
                "homecountryregion", "businesscountryregion", "workcountry",
                "address1country", "billingcountry", "land", "landregiongeschäftlich",
                "landregionprivat"),
    "birthday": ("birthday", "birthdate", "dateofbirth", "dob", "geburtstag"),
    "language": ("language", "preferredlanguage", "sprache"),
    "notes": ("notes", "note", "notizen", "comments"),
}
_LOOKUP: dict[str, tuple[str, int]] = {
    key: (target, rank)
    for target, keys in _SYNONYMS.items()
    for rank, key in enumerate(keys)
}

# Per-source corrections where a generic synonym would be wrong for that tool.
_SOURCE_OVERRIDES: dict[str, dict[str, str | None]] = {
    # Outlook "Title" is the honorific (Mr., Dr.), not the job title.
    "outlook": {"title": None},
    # NGP VAN "Address" is the whole formatted address; StreetAddress is the street.
    "ngpvan": {"address": None},
    # Salesforce Account extracts: NAME is the organisation, not a person.
    "salesforce": {"name": "organisation_name", "phone": "phone", "description": "notes",
                   "billingstreet": "address", "billingcity": "city",
                   "billingstate": "province", "billingpostalcode": "postal_code",
                   "billingcountry": "country"},
    # Mailchimp's CC is a two-letter country code.
    "mailchimp": {"cc": "country"},
}


def normalise_header(header: str) -> str:
    """Fold a header for comparison: lower case, only letters and digits kept."""
    return "".join(ch for ch in header.casefold() if ch.isalnum())


def detect_source(headers: Sequence[str]) -> str:
    """Name the tool that exported a table, judged by its distinctive headers."""
    keys = {normalise_header(h) for h in headers}

    def has(*names: str) -> bool:
        return all(n in keys for n in names)

    if has("vanid") or has("canvassfilerequestid"):
        return "ngpvan"
    if has("akid"):
        return "actionkit"
    if has("emailaddress") and (has("memberrating") or has("optintime") or has("leid")):
        return "mailchimp"
    if has("registrationidoptional") or has("first", "last", "email", "eventid"):
        return "eventespresso"
    if has("isdeleted") and (has("systemmodstamp") or has("createdbyid")):
        return "salesforce"
    if has("givenname", "familyname") and (has("email1value") or has("email1type")):
        return "google_legacy"
    if has("firstname", "lastname") and (has("email1value") or has("email1label")):
        return "google_new"
    if has("primaryemail", "displayname"):
        return "thunderbird"
    if has("connectedon") or has("firstname", "lastname", "emailaddress", "position"):
        return "linkedin"
    if (has("emailaddress", "businessphone") or has("emailaddress", "homestreet")
            or has("vorname", "nachname", "emailadresse")):
        return "outlook"
    return "generic"


def propose_mapping(headers: Sequence[str], source: str | None = None) -> dict[str, str]:
    """Propose ``{column header: target field}`` for the columns we recognise.

    Unrecognised columns are simply absent; the import screen lists them so a person
    can map them by hand. Entries are ordered by priority within each field.
    """
    source = source or detect_source(headers)
    overrides = _SOURCE_OVERRIDES.get(source, {})
    ranked: list[tuple[int, int, int, str, str]] = []
    field_order = {name: index for index, name in enumerate(TARGET_FIELDS)}
    for position, header in enumerate(headers):
        key = normalise_header(header)
        if key in overrides:
            target = overrides[key]
            if target is None:
                continue
            rank = -1
        elif key in _LOOKUP:
            target, rank = _LOOKUP[key]
        else:
            continue
        ranked.append((field_order[target], rank, position, header, target))
    ranked.sort()
    return {header: target for _, _, _, header, target in ranked}


def apply_mapping(mapping: Mapping[str, str], record: Mapping[str, str]) -> dict[str, str]:
    """Turn one ``{header: cell}`` record into ``{field: raw value}`` via ``mapping``.

    The first non-empty column wins for each field, except notes, which are joined so
    no text a person wrote is dropped.
    """
    result: dict[str, str] = {}
    for header, target in mapping.items():
        value = record.get(header, "")
        if not value or not value.strip():
            continue
        if target == "notes" and "notes" in result:
            result["notes"] = f"{result['notes']}\n{value}"
        elif target not in result:
            result[target] = value
    return result


def mapping_to_json(mapping: Mapping[str, str]) -> str:
    """Serialise a mapping (order kept, since order is priority)."""
    return json.dumps(dict(mapping), ensure_ascii=False, indent=2)


def mapping_from_json(text: str) -> dict[str, str]:
    """Load a saved mapping, refusing targets this version does not know."""
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("a saved column mapping must be a JSON object")
    mapping: dict[str, str] = {}
    for header, target in data.items():
        if not isinstance(target, str) or target not in TARGET_FIELDS:
            raise ValueError(f"column {header!r}: unknown field {target!r}")
        mapping[str(header)] = target
    return mapping


_PHONE_PRIORITY = ("cell", "mobile", "pref", "iphone", "main", "work", "home", "voice")


def _phone_rank(types: Sequence[str]) -> int:
    if "fax" in types or "pager" in types:
        return len(_PHONE_PRIORITY) + 1
    return min((_PHONE_PRIORITY.index(t) for t in types if t in _PHONE_PRIORITY),
               default=len(_PHONE_PRIORITY))


def card_to_person(card: Card) -> dict[str, str]:
    """Map a vCard to the same ``{field: raw value}`` shape as :func:`apply_mapping`."""
    result: dict[str, str] = {}

    def put(name: str, value: str) -> None:
        if value and value.strip():
            result[name] = value

    put("first_name", card.given_name)
    put("last_name", card.family_name)
    put("middle_name", card.additional_names)
    put("preferred_name", card.nickname)
    put("full_name", card.formatted_name)
    if card.emails:
        put("email", card.emails[0])
    if len(card.emails) > 1:
        put("secondary_email", card.emails[1])
    phones = sorted((p for p in card.phones if p.number.strip()),
                    key=lambda p: _phone_rank(p.types))
    if phones:
        put("phone", phones[0].number)
    if len(phones) > 1:
        put("secondary_phone", phones[1].number)
    put("organisation_name", card.org)
    put("job_title", card.title)
    if card.addresses:
        adr = next((a for a in card.addresses if "pref" in a.types), card.addresses[0])
        street = ", ".join(p for p in (adr.extended, adr.street, adr.po_box) if p.strip())
        put("address", re.sub(r"\s*\n\s*", ", ", street))
        put("city", adr.city)
        put("province", adr.region)
        put("postal_code", adr.postal_code)
        put("country", adr.country)
    put("notes", card.note)
    put("birthday", card.birthday)
    return result
