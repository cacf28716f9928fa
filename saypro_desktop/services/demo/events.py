"""Demo events: town halls, rallies and forums, who signed in, and who signed petitions."""

from __future__ import annotations

from datetime import datetime, timedelta

from saypro_desktop.db.models import (
    Consent,
    Event,
    EventRsvp,
    Signature,
    SignIn,
)
from saypro_desktop.domain.enums import (
    EventKind,
    SignInSource,
)
from saypro_desktop.domain.ids import link_id, new_id
from saypro_desktop.services.demo.base import (
    Row,
    Weighted,
    Writer,
    at_time,
    one,
)
from saypro_desktop.services.demo.state import Demo, EventInfo
from saypro_desktop.services.demo.words import (
    PLACE_PICK,
    Place,
)
from saypro_desktop.services.events_signin import CONSENT_WORDING, CONSENT_WORDING_VERSION

ORGANISERS = ("Lerato Mokoena", "Sipho Ndlovu", "Thandeka Dube", "Ayanda Khumalo",
              "Pieter van Wyk", "Fatima Patel", "Bongani Zulu", "Naledi Mahlangu")
DESKS = ("Front door", "Side door", "Registration table", "Laptop 2")
CONSENT_PICK = Weighted([(("sms",), 4), (("whatsapp",), 4), (("email",), 3),
                         (("sms", "whatsapp"), 2), (("email", "sms"), 1), (("phone",), 1)])

SOURCE_WEIGHTS = Weighted([(SignInSource.DESK, 5), (SignInSource.PAPER_SHEET, 4),
                           (SignInSource.IMPORT, 1)])


def write_events(d: Demo, w: Writer) -> None:
    rng = d.rng
    kinds = list(EventKind)
    n_events = max(len(kinds) + 3, d.people // 400)
    titles = {
        EventKind.TOWN_HALL: "Town hall: social grants and clinic queues",
        EventKind.RALLY: "Rally for dignified social services",
        EventKind.MARCH: "March to the Department of Social Development",
        EventKind.KICKOFF: "Coalition kickoff",
        EventKind.BRIEFING: "Partner briefing on the reform proposals",
        EventKind.WEBINAR: "Webinar: how to appeal a grant decision",
        EventKind.PUBLIC_HEARING: "Public hearing on the care workers' stipend",
        EventKind.COMMUNITY_FORUM: "Community forum: safety, shelters and services",
        EventKind.TRAINING: "Training: paralegal advice desk volunteers",
    }
    venues = ("Community Hall", "Civic Centre", "Multi-Purpose Centre", "Library Hall",
              "Sports Ground", "Methodist Church Hall", "TVET College Auditorium")
    rows: list[Row] = []
    infos: list[EventInfo] = []
    ids = [new_id() for _ in range(n_events)]
    for index in range(n_events):
        kind = kinds[index] if index < len(kinds) else one(rng, kinds)
        campaign_id, _, start, _end = one(rng, d.campaigns)
        place = PLACE_PICK.pick(rng)
        # Most events are behind us; about one in eight is still coming up.
        upcoming = index % 8 == 7
        day = (d.today + timedelta(days=rng.randint(3, 50)) if upcoming
               else start + timedelta(days=rng.randint(14, max(15, (d.today - start).days
                                                                - 2))))
        if kind in (EventKind.RALLY, EventKind.MARCH, EventKind.COMMUNITY_FORUM):
            day += timedelta(days=(5 - day.weekday()) % 7)  # Saturdays
        hour = {EventKind.WEBINAR: 18, EventKind.TOWN_HALL: 17}.get(kind, 10)
        starts_at = at_time(day, hour)
        online = kind == EventKind.WEBINAR
        row: Row = {
            "campaign_id": campaign_id, "kind": kind.value,
            "title": f"{titles[kind]} — {place.name}" if not online else titles[kind],
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(hours=rng.choice((2, 3, 4))),
            "venue": "Online (Zoom)" if online else f"{place.name} {one(rng, venues)}",
            "city": None if online else place.name,
            "capacity": rng.choice((50, 80, 120, 200, 300, 500, 1000)),
        }
        if rng.random() < 0.4:
            row["notes"] = one(rng, (
                "Interpreters booked (isiZulu and Sesotho).",
                "Bring paper sign-in sheets in case the laptop battery dies.",
                "Transport from the taxi rank arranged with partners.",
                "Councillor confirmed attendance.",
            ))
        # Fields of the sign-in desk's era, from the events' own stream.
        extra = d.events_rng
        row["area"] = None if online else place.name
        row["expected_attendance"] = int(row["capacity"] * extra.choice((0.5, 0.7, 0.9)))
        row["organisers"] = ", ".join(extra.sample(ORGANISERS, extra.choice((1, 2))))
        petitions = [pid for pid, cid in d.petitions if cid == campaign_id]
        petition_id = petitions[0] if petitions and extra.random() < 0.6 else None
        row["petition_id"] = petition_id
        rows.append(row)
        info = EventInfo(ids[index], campaign_id, starts_at, place.province, petition_id)
        infos.append(info)
        if not upcoming and day < d.today:
            d.past_events.append(info)
            d.events_by_province.setdefault(place.province, []).append(info)
    w.write(Event, rows, ids)
    d.events = infos


def write_attendance(d: Demo, w: Writer, ids: list[str], places: list[Place]) -> None:
    rng = d.rng
    sign_ins: list[Row] = []
    sign_in_ids: list[str] = []
    signatures: list[Row] = []
    signature_ids: list[str] = []
    rsvps: list[Row] = []
    consents: list[Row] = []
    extra = d.events_rng
    if not d.past_events:
        return
    upcoming = [e for e in d.events if e not in d.past_events]
    for person_id, place in zip(ids, places, strict=True):
        attended: list[tuple[EventInfo, datetime, str]] = []
        if rng.random() < 0.13:
            local = d.events_by_province.get(place.province)
            picks = 2 if rng.random() < 0.15 else 1
            for _ in range(picks):
                pool = local if local and rng.random() < 0.75 else d.past_events
                event = one(rng, pool)
                if any(event is seen for seen, _, _ in attended):
                    continue
                at = event.starts_at + timedelta(minutes=rng.randint(-20, 90))
                source = SOURCE_WEIGHTS.pick(rng).value
                consent = rng.random() < 0.75
                walk_in = rng.random() < 0.35
                row: Row = {
                    "event_id": event.id, "person_id": person_id, "signed_in_at": at,
                    "source": source, "walk_in": walk_in,
                    "consent_given": consent,
                    "consent_wording_version": CONSENT_WORDING_VERSION if consent else None,
                }
                _how_taken(d, row, event, consents if consent else None)
                sign_ins.append(row)
                if not walk_in and extra.random() < 0.5:
                    rsvps.append(_rsvp(d, event, person_id))
                sign_in_ids.append(link_id("sign_in", event.id, person_id))
                attended.append((event, at, source))
        if rng.random() < 0.09:
            petition_id, campaign_id = one(rng, d.petitions)
            at_event = [a for a in attended if a[0].campaign_id == campaign_id]
            if at_event and rng.random() < 0.7:
                event, at, source = at_event[0]
                event_id: str | None = event.id
            else:
                event_id, source = None, SOURCE_WEIGHTS.pick(rng).value
                at = d.moment(d.day(200, 1))
            signatures.append({"petition_id": petition_id, "person_id": person_id,
                               "event_id": event_id, "signed_at": at, "source": source})
            signature_ids.append(link_id("signature", petition_id, person_id))
        # Some said they would come and did not; some have said so for events to come.
        if extra.random() < 0.03:
            event = one(extra, d.past_events)
            if not any(event is seen for seen, _, _ in attended):
                rsvps.append(_rsvp(d, event, person_id))
        if upcoming and extra.random() < 0.02:
            rsvps.append(_rsvp(d, one(extra, upcoming), person_id))
    w.write(SignIn, sign_ins, sign_in_ids)
    w.write(Signature, signatures, signature_ids)
    w.write(EventRsvp, rsvps, [link_id("event_rsvp", str(r["event_id"]), str(r["person_id"]))
                               for r in rsvps])
    w.write(Consent, consents)


def _rsvp(d: Demo, event: EventInfo, person_id: str) -> Row:
    position = d.rsvp_positions.get(event.id, 0) + 1
    d.rsvp_positions[event.id] = position
    return {"event_id": event.id, "person_id": person_id, "position": position,
            "source": "import" if d.events_rng.random() < 0.3 else "picked"}


def _how_taken(d: Demo, row: Row, event: EventInfo, consents: list[Row] | None) -> None:
    """Who took a sign-in (the desk and organiser, or the paper sheet's page and row) and the
    consents given with it, in the wording the desk shows."""
    extra = d.events_rng
    if row["source"] == SignInSource.DESK:
        row["desk"] = one(extra, DESKS)
        row["taken_by"] = one(extra, ORGANISERS)
    elif row["source"] == SignInSource.PAPER_SHEET:
        keyed = d.sheet_rows.get(event.id, 0)
        d.sheet_rows[event.id] = keyed + 1
        row["sheet_page"], sheet_row = divmod(keyed, 25)
        row["sheet_page"] += 1
        row["sheet_row"] = sheet_row + 1
    if consents is None:
        return
    channels = CONSENT_PICK.pick(extra)
    row["consent_channels"] = ",".join(channels)
    where = "Paper sheet" if row["source"] == SignInSource.PAPER_SHEET else "Sign-in desk"
    for channel in channels:
        consents.append({
            "person_id": row["person_id"], "channel": channel, "status": "given",
            "recorded_at": row["signed_in_at"] - timedelta(hours=2),  # stored in UTC
            "source": f"{where}: demo event"[:64], "wording": CONSENT_WORDING[channel],
            "wording_version": CONSENT_WORDING_VERSION})

