"""The SQL behind every figure (see definitions.py for what each counts).

Each figure is a *selection*: a query listing the records it counts (an ``id`` column, plus
whatever a breakdown groups by). The figure is computed over that selection in SQL, and the
records behind it on screen are the same selection, so a number and its list never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from saypro_desktop.domain.enums import LEGACY_STAGES, REFORM_PROGRESS, ReformStage
from saypro_desktop.domain.errors import ValidationError

# A person's records count while the person is live, or erased (anonymous totals stay true);
# a deleted (or merged-away) person's records do not. GONE lists those few (ix_people_gone).
COUNTED_PERSON = "({p}.deleted_at IS NULL OR {p}.erased_at IS NOT NULL)"
GONE = "(SELECT id FROM people WHERE deleted_at IS NOT NULL AND erased_at IS NULL)"
REPLY_OUTCOMES = ("responded", "interested", "meeting_agreed", "committed", "declined")
PARTNER_STAGES = ("committed", "active_partner")
REPLY_DAYS = 30


@dataclass(frozen=True, slots=True)
class Range:
    """A date range (both ends included, either open) and optionally one campaign."""

    start: date | None = None
    end: date | None = None
    campaign_id: str | None = None

    def __post_init__(self) -> None:
        if self.start and self.end and self.start > self.end:
            raise ValidationError(f"the range ends ({self.end}) before it starts ({self.start})")


@dataclass(frozen=True, slots=True)
class Sql:
    text: str
    params: dict[str, object]


class Builder:
    """Writes the range and campaign conditions for one range, with only the parts it has
    (an absent bound adds nothing, so SQLite can use the date indexes)."""

    def __init__(self, rng: Range, now: datetime, cancelled: str | None) -> None:
        self.rng = rng
        self.params: dict[str, object] = {"now": now.isoformat(sep=" ")}
        if rng.start:
            self.params["start"] = rng.start.isoformat()
        if rng.end:
            self.params["end"] = (rng.end + timedelta(days=1)).isoformat()
        if rng.campaign_id:
            self.params["cid"] = rng.campaign_id
        self.cancelled = cancelled  # SQL saying a meeting `m` is cancelled, if the table knows

    def within(self, column: str) -> str:
        parts = []
        if self.rng.start:
            parts.append(f"{column} >= :start")
        if self.rng.end:
            parts.append(f"{column} < :end")
        return " AND ".join(parts) or "1"

    def campaign(self, alias: str) -> str:
        if not self.rng.campaign_id:
            return "1"
        return f"({alias}.campaign_id IS NULL OR {alias}.campaign_id = :cid)"

    def sql(self, text: str) -> Sql:
        return Sql(text, dict(self.params))

    def not_cancelled(self) -> str:
        return f"NOT ({self.cancelled})" if self.cancelled else "1"


def person(alias: str) -> str:
    return COUNTED_PERSON.format(p=alias)


# A person's main organisation, looked up only when an interaction names no organisation.
ORG_OF = "(SELECT organisation_id FROM people WHERE id = {c})"


def counted(column: str) -> str:
    """The person ``column`` names counts (no lookup of the person's row)."""
    return f"{column} NOT IN {GONE}"


# --- selections ------------------------------------------------------------------------------


def contacts_reached(b: Builder) -> Sql:
    return b.sql(f"""
        SELECT DISTINCT i.person_id AS id FROM interactions i
        WHERE i.deleted_at IS NULL AND i.direction = 'outbound' AND i.person_id IS NOT NULL
          AND {b.within('i.occurred_at')} AND {b.campaign('i')} AND {counted('i.person_id')}""")


def contacted_organisations(b: Builder) -> Sql:
    """One row per organisation contacted: its first contact's channel, its category and
    whether it replied within REPLY_DAYS of that first contact."""
    reply_end = f"datetime(f.first_at, '+{REPLY_DAYS} days')"
    outcomes = ", ".join(f"'{o}'" for o in REPLY_OUTCOMES)
    return b.sql(f"""
        WITH contact AS MATERIALIZED (
            SELECT COALESCE(i.organisation_id, {ORG_OF.format(c='i.person_id')}) AS org,
                   i.occurred_at AS at, i.direction AS direction, i.outcome AS outcome,
                   i.channel AS channel
            FROM interactions i
            WHERE i.deleted_at IS NULL AND {b.campaign('i')}
              AND (i.person_id IS NULL OR {counted('i.person_id')})
              {"AND i.occurred_at >= :start" if b.rng.start else ""}
              {f"AND i.occurred_at < date(:end, '+{REPLY_DAYS} days')" if b.rng.end else ""}
        ),
        first AS MATERIALIZED (
            SELECT org, min(at) AS first_at, channel FROM contact
            WHERE direction = 'outbound' AND org IS NOT NULL AND {b.within('at')}
            GROUP BY org
        ),
        replied AS MATERIALIZED (
            SELECT DISTINCT f.org FROM first f JOIN contact c ON c.org = f.org
            WHERE c.at >= f.first_at AND c.at <= {reply_end}
              AND (c.direction = 'inbound' OR c.outcome IN ({outcomes}))
        )
        SELECT f.org AS id, f.channel AS channel, o.category AS category,
               f.org IN (SELECT org FROM replied) AS replied
        FROM first f JOIN organisations o ON o.id = f.org AND o.deleted_at IS NULL""")


def meetings(b: Builder, *, held: bool) -> Sql:
    past = "AND m.starts_at <= :now" if held else ""
    return b.sql(f"""
        SELECT m.id AS id FROM meetings m
        WHERE m.deleted_at IS NULL AND {b.within('m.starts_at')} AND {b.campaign('m')}
          AND {b.not_cancelled()} {past}""")


def _commitment_person_ok() -> str:
    return f"(c.person_id IS NULL OR {counted('c.person_id')})"


def commitments_pledged(b: Builder) -> Sql:
    return b.sql(f"""
        SELECT c.id AS id FROM commitments c
        WHERE c.deleted_at IS NULL AND {b.within('COALESCE(c.pledged_on, date(c.created_at))')}
          AND {b.campaign('c')} AND {_commitment_person_ok()}""")


def commitments_delivered(b: Builder) -> Sql:
    return b.sql(f"""
        SELECT c.id AS id FROM commitments c
        WHERE c.deleted_at IS NULL AND c.status = 'delivered' AND c.delivered_on IS NOT NULL
          AND {b.within('c.delivered_on')} AND {b.campaign('c')} AND {_commitment_person_ok()}""")


def partner_engagement(b: Builder) -> Sql:
    """Every partner organisation with its activity count in the range (0 included).

    Read from the partners outwards (their rows, their people's rows), so the cost follows
    the size of the coalition, not of the whole address book."""
    stages = ", ".join(f"'{s}'" for s in PARTNER_STAGES)
    return b.sql(f"""
        WITH partner AS MATERIALIZED (
            SELECT o.id, o.name, o.category FROM organisations o
            WHERE o.deleted_at IS NULL AND (o.pipeline_stage IN ({stages})
                OR EXISTS (SELECT 1 FROM commitments c WHERE c.organisation_id = o.id
                           AND c.deleted_at IS NULL))
        ),
        member AS MATERIALIZED (
            SELECT p.id AS pid, p.organisation_id AS org FROM partner
            JOIN people p ON p.organisation_id = partner.id WHERE {person('p')}
        ),
        activity AS (
            SELECT i.organisation_id AS org FROM partner
            JOIN interactions i ON i.organisation_id = partner.id
            WHERE i.deleted_at IS NULL AND {b.within('i.occurred_at')} AND {b.campaign('i')}
              AND (i.person_id IS NULL OR {counted('i.person_id')})
            UNION ALL
            SELECT member.org FROM member JOIN interactions i ON i.person_id = member.pid
            WHERE i.organisation_id IS NULL AND i.deleted_at IS NULL
              AND {b.within('i.occurred_at')} AND {b.campaign('i')}
            UNION ALL
            SELECT member.org FROM member JOIN meeting_attendees a ON a.person_id = member.pid
            JOIN meetings m ON m.id = a.meeting_id
            WHERE a.deleted_at IS NULL AND a.attended AND m.deleted_at IS NULL
              AND {b.within('m.starts_at')} AND m.starts_at <= :now AND {b.campaign('m')}
            UNION ALL
            SELECT member.org FROM member JOIN sign_ins s ON s.person_id = member.pid
            JOIN events e ON e.id = s.event_id
            WHERE s.deleted_at IS NULL AND e.deleted_at IS NULL AND {b.within('e.starts_at')}
              AND {b.campaign('e')}
            UNION ALL
            SELECT c.organisation_id FROM partner JOIN commitments c
            ON c.organisation_id = partner.id
            WHERE c.deleted_at IS NULL
              AND {b.within('COALESCE(c.pledged_on, date(c.created_at))')} AND {b.campaign('c')}
              AND {_commitment_person_ok()}
        ),
        score AS (SELECT org, count(*) AS n FROM activity GROUP BY org)
        SELECT partner.id AS id, partner.name AS name, partner.category AS category,
               COALESCE(score.n, 0) AS score
        FROM partner LEFT JOIN score ON score.org = partner.id""")


def concerns(b: Builder) -> Sql:
    return b.sql(f"""
        SELECT c.id AS id, c.category AS category, c.status = 'resolved' AS addressed
        FROM concerns c
        WHERE c.deleted_at IS NULL AND {b.within('COALESCE(c.raised_on, date(c.created_at))')}
          AND (c.raised_by_id IS NULL OR {counted('c.raised_by_id')})""")


def events_held(b: Builder) -> Sql:
    return b.sql(f"""
        SELECT e.id AS id FROM events e
        WHERE e.deleted_at IS NULL AND {b.within('e.starts_at')} AND e.starts_at <= :now
          AND {b.campaign('e')}""")


def attendance(b: Builder) -> Sql:
    """One row per sign-in at an event held in the range."""
    return b.sql(f"""
        SELECT s.id AS id, s.person_id AS person_id FROM sign_ins s
        JOIN events e ON e.id = s.event_id
        WHERE s.deleted_at IS NULL AND e.deleted_at IS NULL AND {b.within('e.starts_at')}
          AND e.starts_at <= :now AND {b.campaign('e')} AND {counted('s.person_id')}""")


def new_people(b: Builder) -> Sql:
    """People whose first recorded encounter (in any campaign) falls in the range.

    The first encounters are kept, per person, in ``person_first_seen`` by the database's
    own triggers (migration f001 says what counts as an encounter), so this reads a range of
    one index instead of every encounter ever recorded."""
    return b.sql(f"""
        SELECT f.person_id AS id FROM person_first_seen f
        WHERE {b.within('f.first_at')} AND {counted('f.person_id')}""")


def petition_signatures(b: Builder) -> Sql:
    return b.sql(f"""
        SELECT g.id AS id FROM signatures g
        JOIN petitions t ON t.id = g.petition_id
        WHERE g.deleted_at IS NULL AND t.deleted_at IS NULL AND {b.within('g.signed_at')}
          AND {b.campaign('t')} AND {counted('g.person_id')}""")


def _progress_case(column: str) -> str:
    """SQL mapping a stored stage (old values too) to its place on the way to implementation;
    NULL for stalled and withdrawn."""
    whens = [f"WHEN '{stage.value}' THEN {rank}" for stage, rank in REFORM_PROGRESS.items()]
    legacy = {"proposed", "drafting", "committee", "public_comment"}
    for value in sorted(legacy):
        stage = ReformStage.read(value)
        if stage in REFORM_PROGRESS:
            whens.append(f"WHEN '{value}' THEN {REFORM_PROGRESS[stage]}")
    return f"CASE {column} {' '.join(whens)} END"


def _current_stage(expr: str) -> str:
    """SQL reading a stored stage as today's word for it (older versions wrote others)."""
    whens = " ".join(f"WHEN '{old}' THEN '{new}'" for old, new in LEGACY_STAGES.items())
    return f"(CASE {expr} {whens} ELSE {expr} END)"


def reforms_stage_at_end(b: Builder) -> Sql:
    end = "AND m.moved_on < :end" if b.rng.end else ""
    return b.sql(f"""
        SELECT id, {_current_stage("raw_stage")} AS stage FROM (
        SELECT r.id AS id,
               CASE WHEN NOT EXISTS (SELECT 1 FROM reform_moves m WHERE m.reform_id = r.id
                                     AND m.deleted_at IS NULL) THEN r.stage
                    ELSE (SELECT m.stage FROM reform_moves m WHERE m.reform_id = r.id
                          AND m.deleted_at IS NULL {end}
                          ORDER BY m.moved_on DESC, m.created_at DESC, m.id DESC
                          LIMIT 1) END AS raw_stage
        FROM reforms r WHERE r.deleted_at IS NULL AND {b.campaign('r')})""")


def reforms_advanced(b: Builder) -> Sql:
    rank = _progress_case("m.stage")
    return b.sql(f"""
        WITH moves AS (
            SELECT m.reform_id, m.moved_on, {rank} AS rank,
                   max({rank}) OVER (PARTITION BY m.reform_id
                                     ORDER BY m.moved_on, m.created_at, m.id
                                     ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before
            FROM reform_moves m JOIN reforms r ON r.id = m.reform_id
            WHERE m.deleted_at IS NULL AND r.deleted_at IS NULL AND {b.campaign('r')}
        )
        SELECT DISTINCT reform_id AS id FROM moves
        WHERE {b.within('moved_on')} AND rank IS NOT NULL AND before IS NOT NULL
          AND rank > before""")


def media(b: Builder) -> Sql:
    return b.sql(f"""
        SELECT mi.id AS id, COALESCE(mi.reach, 0) AS reach, mi.kind AS kind FROM media_items mi
        WHERE mi.deleted_at IS NULL AND mi.published_on IS NOT NULL
          AND {b.within('mi.published_on')} AND {b.campaign('mi')}""")


def stories(b: Builder) -> Sql:
    return b.sql(f"""
        SELECT s.id AS id FROM stories s
        WHERE s.deleted_at IS NULL AND s.consent_given
          AND {b.within('COALESCE(s.collected_on, date(s.created_at))')} AND {b.campaign('s')}
          AND (s.person_id IS NULL OR {counted('s.person_id')})""")


def partners_now() -> str:
    stages = ", ".join(f"'{s}'" for s in PARTNER_STAGES)
    return f"""
        SELECT o.id AS id, o.category AS category, o.province AS province FROM organisations o
        WHERE o.deleted_at IS NULL AND (o.pipeline_stage IN ({stages})
            OR EXISTS (SELECT 1 FROM commitments c WHERE c.organisation_id = o.id
                       AND c.deleted_at IS NULL))"""
