"""The figures progress and impact reports print, for one campaign and date range.

``report_figures`` is the one door the reports go through. Every figure the metrics
service counts (contacts reached, response rates, meetings held, commitments, concerns,
events and attendance, reforms, media reach) is taken from its snapshot for the same
range, so a report and the dashboard never disagree; what only a printed report needs
(the events and reforms by name, stories, media items, setbacks, next steps, the weekly
trend) is read here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from saypro_desktop.db.models import (
    ActionItem,
    Campaign,
    CampaignPhaseRecord,
    Commitment,
    Concern,
    Event,
    Interaction,
    MediaItem,
    Meeting,
    Organisation,
    Person,
    Reform,
    SignIn,
    Story,
)
from saypro_desktop.documents.data import (
    CountLine,
    EventAttendance,
    MediaLine,
    PeriodCount,
    RateLine,
    ReformLine,
    ReportFigures,
    StoryLine,
)
from saypro_desktop.domain.enums import (
    CampaignPhase,
    Channel,
    CommitmentKind,
    CommitmentStatus,
    ConcernCategory,
    ConcernStatus,
    GovernmentLevel,
    MediaKind,
    MeetingKind,
    Outcome,
    ReformStage,
    StakeholderCategory,
)
from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.services.documents.gather import current_campaign, label, person_name
from saypro_desktop.services.metrics.common import Share
from saypro_desktop.services.metrics.service import Snapshot

SETBACK_STAGES = (ReformStage.STALLED.value, ReformStage.WITHDRAWN.value, "rejected")


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    return datetime.combine(start, datetime.min.time()), datetime.combine(
        end + timedelta(days=1), datetime.min.time())


def resolve_range(session: Session, campaign: Campaign, start: date | None, end: date | None,
                  phase: str | None, today: date) -> tuple[date, date, str | None]:
    """The dates a report covers: given, else the phase's, else the campaign's to today."""
    phase_label = None
    if phase:
        try:
            wanted = CampaignPhase(phase.strip().lower().replace("-", "_").replace(" ", "_"))
        except ValueError:
            choices = ", ".join(p.value for p in CampaignPhase)
            raise ValidationError(f"'{phase}' is not a campaign phase; choose {choices}"
                                  ) from None
        phase_label = wanted.label
        record = session.execute(
            select(CampaignPhaseRecord).where(CampaignPhaseRecord.campaign_id == campaign.id,
                                              CampaignPhaseRecord.phase == wanted.value,
                                              CampaignPhaseRecord.deleted_at.is_(None))
        ).scalars().first()
        if record is not None:
            start = start or record.starts_on
            end = end or record.ends_on
    start = start or campaign.starts_on or today - timedelta(days=90)
    end = end or min(campaign.ends_on or today, today)
    if end < start:
        raise ValidationError(f"the report's range ends ({end}) before it starts ({start}); "
                              "give --from before --to")
    return start, end, phase_label


RESPONDED = (Outcome.RESPONDED.value, Outcome.INTERESTED.value, Outcome.MEETING_AGREED.value,
             Outcome.COMMITTED.value, Outcome.DECLINED.value, Outcome.FOLLOW_UP_NEEDED.value)


def report_figures(session: Session, today: date, *, campaign_id: str | None = None,
                   start: date | None = None, end: date | None = None,
                   phase: str | None = None, now: datetime | None = None) -> ReportFigures:
    campaign = current_campaign(session, today, campaign_id)
    if campaign is None:
        raise ValidationError("there is no campaign to report on yet; add one first")
    start, end, phase_label = resolve_range(session, campaign, start, end, phase, today)
    lo, hi = _bounds(start, end)
    now = now or datetime.now()
    held_until = min(hi, now)

    # Outreach: outbound interactions of the campaign in range.
    outreach = session.execute(
        select(Interaction.channel, Interaction.outcome, Interaction.occurred_at,
               Interaction.person_id, Interaction.organisation_id,
               func.coalesce(Organisation.category, Person.category))
        .outerjoin(Organisation, Organisation.id == Interaction.organisation_id)
        .outerjoin(Person, Person.id == Interaction.person_id)
        .where(Interaction.deleted_at.is_(None), Interaction.campaign_id == campaign.id,
               Interaction.direction == "outbound",
               Interaction.occurred_at >= lo, Interaction.occurred_at < hi)).all()
    reached: set[str] = set()
    channel_sent: Counter[str] = Counter()
    channel_resp: Counter[str] = Counter()
    cat_sent: Counter[str] = Counter()
    cat_resp: Counter[str] = Counter()
    weekly: dict[date, set[str]] = {}
    responses = 0
    for channel, outcome, at, person_id, org_id, category in outreach:
        who = person_id or org_id
        responded = outcome in RESPONDED
        responses += responded
        channel_name = label(Channel, channel) or "Not recorded"
        category_name = label(StakeholderCategory, category) or "Not recorded"
        channel_sent[channel_name] += 1
        channel_resp[channel_name] += responded
        cat_sent[category_name] += 1
        cat_resp[category_name] += responded
        if who:
            reached.add(who)
            week = at.date() - timedelta(days=at.weekday())
            weekly.setdefault(week, set()).add(who)
    first_week = start - timedelta(days=start.weekday())
    weeks = []
    week = first_week
    while week <= end:
        weeks.append(PeriodCount(f"{week.day} {week:%b}", len(weekly.get(week, ()))))
        week += timedelta(days=7)

    def rates(sent: Counter[str], resp: Counter[str]) -> tuple[RateLine, ...]:
        return tuple(RateLine(name, count, resp[name])
                     for name, count in sorted(sent.items(), key=lambda kv: (-kv[1], kv[0])))

    meetings = Counter(
        label(MeetingKind, kind) or kind for (kind,) in session.execute(
            select(Meeting.kind).where(Meeting.deleted_at.is_(None),
                                       Meeting.campaign_id == campaign.id,
                                       Meeting.starts_at >= lo,
                                       Meeting.starts_at < held_until)))

    pledged = Counter(
        label(CommitmentKind, kind) or kind for (kind,) in session.execute(
            select(Commitment.kind).where(Commitment.deleted_at.is_(None),
                                          Commitment.campaign_id == campaign.id,
                                          Commitment.pledged_on >= start,
                                          Commitment.pledged_on <= end)))
    delivered = Counter(
        label(CommitmentKind, kind) or kind for (kind,) in session.execute(
            select(Commitment.kind).where(Commitment.deleted_at.is_(None),
                                          Commitment.campaign_id == campaign.id,
                                          Commitment.status == CommitmentStatus.DELIVERED.value,
                                          Commitment.delivered_on >= start,
                                          Commitment.delivered_on <= end)))
    kinds = sorted(set(pledged) | set(delivered), key=lambda k: (-pledged[k], k))

    concern_rows = session.execute(
        select(Concern.category, Concern.status).where(
            Concern.deleted_at.is_(None), Concern.raised_on >= start,
            Concern.raised_on <= end)).all()
    raised = Counter(label(ConcernCategory, c) or c for c, _ in concern_rows)
    addressed = Counter(label(ConcernCategory, c) or c for c, s in concern_rows
                        if s == ConcernStatus.RESOLVED.value)

    attendance = (select(SignIn.event_id, func.count().label("n"))
                  .where(SignIn.deleted_at.is_(None)).group_by(SignIn.event_id).subquery())
    events = tuple(
        EventAttendance(title, starts_at, city, int(n or 0), capacity)
        for title, starts_at, city, capacity, n in session.execute(
            select(Event.title, Event.starts_at, Event.city, Event.capacity, attendance.c.n)
            .outerjoin(attendance, attendance.c.event_id == Event.id)
            .where(Event.deleted_at.is_(None), Event.campaign_id == campaign.id,
                   Event.starts_at >= lo, Event.starts_at < held_until)
            .order_by(Event.starts_at)))

    reforms = tuple(
        ReformLine(r.title, label(GovernmentLevel, r.level) or r.level,
                   label(ReformStage, r.stage) or r.stage, r.obstacles)
        for r in session.execute(
            select(Reform).where(Reform.deleted_at.is_(None), Reform.campaign_id == campaign.id)
            .order_by(Reform.title)).scalars())

    setbacks = [f"{r.title}: {r.stage.lower()}" + (f" ({r.obstacles})" if r.obstacles else "")
                for r in reforms if r.stage in (label(ReformStage, s) for s in SETBACK_STAGES)]
    open_concerns = sum(raised.values()) - sum(addressed.values())
    if open_concerns:
        setbacks.append(f"{open_concerns:,} of the concerns raised in this period are not yet "
                        "resolved.")
    withdrawn = session.execute(
        select(func.count()).select_from(Commitment).where(
            Commitment.deleted_at.is_(None), Commitment.campaign_id == campaign.id,
            Commitment.status == CommitmentStatus.WITHDRAWN.value,
            Commitment.pledged_on >= start, Commitment.pledged_on <= end)).scalar_one()
    if withdrawn:
        setbacks.append(f"{withdrawn:,} commitments pledged in this period were withdrawn.")

    next_steps = [
        f"{description}" + (f" (due {due.day} {due:%b %Y})" if due else "")
        for description, due in session.execute(
            select(ActionItem.description, ActionItem.due_on)
            .where(ActionItem.deleted_at.is_(None), ActionItem.status.in_(("open",
                                                                           "in_progress")),
                   ActionItem.due_on > end)
            .order_by(ActionItem.due_on).limit(8))]
    next_steps += [
        f"{title}, {starts_at.day} {starts_at:%b %Y}" + (f" in {city}" if city else "")
        for title, starts_at, city in session.execute(
            select(Event.title, Event.starts_at, Event.city)
            .where(Event.deleted_at.is_(None), Event.campaign_id == campaign.id,
                   Event.starts_at >= hi).order_by(Event.starts_at).limit(4))]

    stories = []
    for story, first, last, preferred, city in session.execute(
        select(Story, Person.first_name, Person.last_name, Person.preferred_name, Person.city)
        .outerjoin(Person, Person.id == Story.person_id)
        .where(Story.deleted_at.is_(None), Story.consent_given.is_(True),
               Story.campaign_id == campaign.id, Story.collected_on >= start,
               Story.collected_on <= end, Person.erased_at.is_(None))
        .order_by(Story.collected_on)):
        teller = ("A community member" if story.anonymised or not (first or last)
                  else person_name(first, last, preferred) + (f", {city}" if city else ""))
        stories.append(StoryLine(story.title, story.body, teller, story.collected_on))

    media = tuple(
        MediaLine(m.title, label(MediaKind, m.kind) or m.kind, m.outlet, m.published_on,
                  m.reach)
        for m in session.execute(
            select(MediaItem).where(MediaItem.deleted_at.is_(None),
                                    MediaItem.campaign_id == campaign.id,
                                    MediaItem.published_on >= start,
                                    MediaItem.published_on <= end)
            .order_by(MediaItem.published_on)).scalars())

    mine = ReportFigures(
        campaign=campaign.name, phase=phase_label, starts_on=start, ends_on=end,
        contacts_reached=len(reached), messages_sent=len(outreach), responses=responses,
        by_channel=rates(channel_sent, channel_resp), by_category=rates(cat_sent, cat_resp),
        contacts_over_time=tuple(weeks), meetings_held=sum(meetings.values()),
        meetings_by_kind=tuple(CountLine(k, n) for k, n in meetings.most_common()),
        commitments_pledged=sum(pledged.values()),
        commitments_delivered=sum(delivered.values()),
        commitments_by_kind=tuple((k, pledged[k], delivered[k]) for k in kinds),
        concerns_raised=sum(raised.values()), concerns_addressed=sum(addressed.values()),
        concerns_by_category=tuple((k, raised[k], addressed[k])
                                   for k, _ in raised.most_common()),
        events=events, reforms=reforms, setbacks=tuple(setbacks),
        next_steps=tuple(next_steps), stories=tuple(stories), media=media,
        attendance=sum(e.attendance for e in events), events_held=len(events),
        media_reach=sum(m.reach or 0 for m in media))
    return mine


def with_metrics(figures: ReportFigures, snapshot: Snapshot) -> ReportFigures:
    """The report's figures with every number the metrics service counts taken from it."""
    v = snapshot.values

    def n(key: str) -> int:
        return round(v.get(key, 0.0))

    def rates(shares: Sequence[Share]) -> tuple[RateLine, ...]:
        return tuple(RateLine(s.label, round(s.of or 0), round(s.value)) for s in shares)

    concerns = tuple((s.label, round(s.of or 0), round((s.of or 0) - s.value))
                     for s in snapshot.concerns_by_category)
    return replace(
        figures,
        contacts_reached=n("contacts_reached"),
        messages_sent=n("organisations_contacted"),
        responses=sum(round(s.value) for s in snapshot.response_by_channel),
        by_channel=rates(snapshot.response_by_channel),
        by_category=rates(snapshot.response_by_category),
        meetings_held=n("meetings_held"),
        commitments_pledged=n("commitments_pledged"),
        commitments_delivered=n("commitments_delivered"),
        concerns_raised=sum(r for _, r, _ in concerns),
        concerns_addressed=n("concerns_addressed"),
        concerns_by_category=concerns,
        attendance=n("attendance"), events_held=n("events_held"),
        media_reach=n("media_reach"), reforms_advanced=n("reforms_advanced"),
        reforms_by_stage=tuple(CountLine(s.label, round(s.value))
                               for s in snapshot.reforms_by_stage))
