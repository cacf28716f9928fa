"""Demo people: partners at organisations and community members, their tags and links."""

from __future__ import annotations

from saypro_desktop.db.models import (
    Consent,
    Membership,
    Person,
    PersonTag,
    Referral,
    Tag,
)
from saypro_desktop.domain.enums import (
    MembershipRole,
    StakeholderCategory,
)
from saypro_desktop.domain.ids import link_id
from saypro_desktop.services.demo.base import (
    Row,
    Writer,
    ascii_letters,
    one,
)
from saypro_desktop.services.demo.events import write_attendance
from saypro_desktop.services.demo.outreach import write_outreach
from saypro_desktop.services.demo.privacy import consents_for
from saypro_desktop.services.demo.state import Demo, Org, Partner
from saypro_desktop.services.demo.words import (
    EMAIL_DOMAINS,
    GROUP_PICK,
    NAME_GROUPS,
    NICKNAMES,
    PLACE_PICK,
    STREETS,
    Place,
    load,
    strings,
)

SC = StakeholderCategory

MOBILE_PREFIXES = ("60", "61", "62", "63", "64", "65", "66", "67", "68", "71", "72", "73",
                   "74", "76", "78", "79", "81", "82", "83", "84")
LANGUAGE_EXTRA_ENGLISH = 0.1  # share whose preferred language is English whatever their name

_WORDS = "people"
JOB_TITLES: dict[SC, tuple[str, ...]] = {
    SC(category): tuple(titles) for category, titles in load(_WORDS)["job_titles"].items()
}
PERSON_NOTES = strings(_WORDS, "notes")
TAGS: tuple[tuple[str, str], ...] = tuple((name, colour) for name, colour in load(_WORDS)["tags"])


def write_tags(d: Demo, w: Writer) -> None:
    d.tag_ids = w.write(Tag, [{"name": n, "colour": c} for n, c in TAGS])


def _phone(d: Demo) -> str:
    rng = d.rng
    while True:
        number = f"+27{one(rng, MOBILE_PREFIXES)}{rng.randint(0, 9_999_999):07d}"
        if number not in d.phones:
            d.phones.add(number)
            return number


def _email(d: Demo, first: str, last: str, domain: str | None) -> str:
    rng = d.rng
    f, surname = ascii_letters(first) or "info", ascii_letters(last) or "mail"
    if domain is not None:
        local = f"{f}.{surname}" if rng.random() < 0.6 else f"{f[0]}{surname}"
    else:
        domain = one(rng, EMAIL_DOMAINS)
        pattern = rng.randint(0, 4)
        local = (f"{f}.{surname}", f"{f}{surname}", f"{f[0]}{surname}",
                 f"{f}.{surname}{rng.randint(1, 99)}", f"{f}_{surname}")[pattern]
    email = f"{local}@{domain}"
    number = 2
    while email in d.emails:
        email = f"{local}{number}@{domain}"
        number += 1
    d.emails.add(email)
    return email


def _person(d: Demo, org: Org | None) -> tuple[Row, Place, str]:
    rng = d.rng
    place = org.place if org is not None and rng.random() < 0.8 else PLACE_PICK.pick(rng)
    group = NAME_GROUPS[GROUP_PICK[place.name].pick(rng)]
    first = one(rng, group.first_names)
    surname_group = group if rng.random() < 0.9 else one(rng, list(NAME_GROUPS.values()))
    last = one(rng, surname_group.surnames)
    row: Row = {"first_name": first, "last_name": last, "city": place.name,
                "province": place.province,
                "language": "English" if rng.random() < LANGUAGE_EXTRA_ENGLISH
                else group.language}
    if first in NICKNAMES and rng.random() < 0.4:
        row["preferred_name"] = NICKNAMES[first]
    if rng.random() < (0.97 if org else 0.9):
        row["phone"] = _phone(d)
    if rng.random() < (0.9 if org else 0.5):
        at_org = org is not None and rng.random() < 0.7
        row["email"] = _email(d, first, last, org.domain if at_org and org else None)
    if org is not None:
        row.update({
            "category": org.category.value, "organisation_id": org.id,
            "job_title": one(rng, JOB_TITLES[org.category]),
            "pipeline_stage": org.stage.value,
            "priority": org.priority.value,
        })
    else:
        row["category"] = SC.COMMUNITY_MEMBER.value
        if rng.random() < 0.4:
            row["postal_code"] = place.postal_code
        if rng.random() < 0.15:
            row["address"] = f"{rng.randint(1, 9999)} {one(rng, STREETS)}"
    if rng.random() < 0.06:
        row["notes"] = one(rng, PERSON_NOTES)
    return row, place, first


def write_people(d: Demo, w: Writer, start: int, stop: int) -> None:
    rng = d.rng
    rows: list[Row] = []
    places: list[Place] = []
    affiliations: list[tuple[Org, str]] = []
    for index in range(start, stop):
        org: Org | None = None
        if index < d.n_partners:
            org = (d.orgs[index] if index < len(d.orgs)
                   else d.orgs[int(rng.random() ** 2 * len(d.orgs))])
        row, place, first = _person(d, org)
        rows.append(row)
        places.append(place)
        if org is not None:
            affiliations.append((org, first))
    # Fresh rows: let the unit of work mint the ids (no history lookup needed).
    ids = w.write(Person, rows)
    new_partners: list[Partner] = []
    for (org, first), person_id in zip(affiliations, ids, strict=False):
        org.contacts.append(person_id)
        new_partners.append(Partner(person_id, first, org))
    d.partners.extend(new_partners)
    earlier = len(d.person_ids)
    d.person_ids.extend(ids)
    community = [pid for pid, row in zip(ids, rows, strict=True)
                 if "organisation_id" not in row]
    d.community_ids.extend(community)

    memberships: list[Row] = []
    primaries = d.primary_contacts  # the first person at each organisation is its contact
    referrals: list[Row] = []
    person_tags: list[Row] = []
    tag_link_ids: list[str] = []
    consents: list[Row] = []
    grassroots = [o for o in d.orgs if o.category in (
        SC.GRASSROOTS_GROUP, SC.FAITH_BASED, SC.YOUTH_STUDENT, SC.COMMUNITY_MEMBER,
        SC.NONPROFIT)]
    for offset, person_id in enumerate(ids):
        row = rows[offset]
        org_id = row.get("organisation_id")
        if org_id is not None:
            primary = org_id not in primaries
            primaries.add(org_id)
            memberships.append({
                "person_id": person_id, "organisation_id": org_id, "is_primary": primary,
                "role": one(rng, (MembershipRole.STAFF, MembershipRole.DIRECTOR,
                                   MembershipRole.SPOKESPERSON, MembershipRole.STAFF,
                                   MembershipRole.BOARD)).value,
                "title": row["job_title"], "started_on": d.day(3000, 200),
            })
        elif grassroots and rng.random() < 0.025:
            memberships.append({
                "person_id": person_id, "organisation_id": one(rng, grassroots).id,
                "role": one(rng, (MembershipRole.MEMBER, MembershipRole.VOLUNTEER)).value,
                "started_on": d.day(900, 20),
            })
        if earlier + offset > 10 and rng.random() < 0.03:
            referrals.append({
                "referrer_id": d.person_ids[rng.randrange(earlier + offset)],
                "referred_id": person_id, "referred_on": d.day(230, 5),
                "note": one(rng, ("Neighbour; also waiting on a grant appeal.",
                                   "From the same church.", "Met at the clinic queue.",
                                   None)),
            })
        if rng.random() < 0.12:
            for tag_id in rng.sample(d.tag_ids, 1 if rng.random() < 0.7 else 2):
                person_tags.append({"person_id": person_id, "tag_id": tag_id})
                tag_link_ids.append(link_id("person_tag", person_id, tag_id))
        consents.extend(consents_for(d, person_id))
    w.write(Membership, memberships)
    w.write(Referral, referrals)
    w.write(PersonTag, person_tags, tag_link_ids)
    w.write(Consent, consents)
    write_outreach(d, w, new_partners, community, rows, ids)
    write_attendance(d, w, ids, places)

