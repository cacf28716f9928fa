"""Printed documents: gather the data, hand it to the renderer, write files, log what
was sent. ``DocumentsService`` is ``app.documents`` for the window and the CLI."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import Campaign, Event, Interaction, Meeting, Organisation
from saypro_desktop.documents.data import (
    LetterData,
    ReportFigures,
    Sender,
)
from saypro_desktop.domain.enums import Channel, EventKind, MeetingKind, PipelineStage
from saypro_desktop.domain.errors import SayProError, ValidationError
from saypro_desktop.services.documents import gather, papers
from saypro_desktop.services.documents.figures import report_figures, with_metrics
from saypro_desktop.services.documents.files import safe_stem, unique_path, write_atomically
from saypro_desktop.services.templates import (
    PACKET_TEMPLATE,
    RenderedLetter,
    Template,
    TemplateLibrary,
    letter_values,
    render,
)
from saypro_desktop.services.unit_of_work import UnitOfWork
from saypro_desktop.services.written_files import note_written_file, note_written_files

Progress = Callable[[int, int], bool]


class DocumentKind(StrEnum):
    PACKET = "packet"
    LETTER = "letter"
    PROGRESS = "progress"
    IMPACT = "impact"
    MINUTES = "minutes"
    ACTION_PLAN = "action_plan"
    CALLSHEET = "callsheet"
    SIGNIN = "signin"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @property
    def per_partner(self) -> bool:
        return self in (DocumentKind.PACKET, DocumentKind.LETTER, DocumentKind.ACTION_PLAN)


_KIND_LABELS = {
    DocumentKind.PACKET: "Partnership proposal packet",
    DocumentKind.LETTER: "Letter",
    DocumentKind.PROGRESS: "Progress report",
    DocumentKind.IMPACT: "Impact report",
    DocumentKind.MINUTES: "Meeting minutes",
    DocumentKind.ACTION_PLAN: "Partner's action plan",
    DocumentKind.CALLSHEET: "Outreach call sheet",
    DocumentKind.SIGNIN: "Event sign-in sheet",
}


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    label: str


@dataclass(slots=True)
class BatchResult:
    written: list[Path] = field(default_factory=list)
    combined: Path | None = None
    logged: int = 0
    cancelled: bool = False


@dataclass(frozen=True, slots=True)
class _Sent:
    org_id: str
    person_id: str | None
    subject: str


class DocumentsService:
    def __init__(self, db: Database, *, today: Callable[[], date] = date.today,
                 sender: Sender = gather.DEFAULT_SENDER,
                 templates: TemplateLibrary | None = None) -> None:
        self.db = db
        self.today = today
        self.sender = sender
        # The outbox's letter templates: printed letters and .eml drafts say the same thing.
        self._templates = templates

    # -- choices for the page and the CLI --------------------------------------------
    def organisations(self) -> list[Choice]:
        with self.db.reading() as s:
            rows = s.execute(select(Organisation.id, Organisation.name,
                                    Organisation.pipeline_stage)
                             .where(Organisation.deleted_at.is_(None))
                             .order_by(func.lower(Organisation.name))).all()
        return [Choice(i, f"{n} ({gather.label(PipelineStage, st)})" if st else n)
                for i, n, st in rows]

    def meetings(self, limit: int = 300) -> list[Choice]:
        with self.db.reading() as s:
            rows = s.execute(select(Meeting.id, Meeting.title, Meeting.kind, Meeting.starts_at)
                             .where(Meeting.deleted_at.is_(None))
                             .order_by(Meeting.starts_at.desc()).limit(limit)).all()
        return [Choice(i, f"{at.day} {at:%b %Y} · {t} ({gather.label(MeetingKind, k)})")
                for i, t, k, at in rows]

    def events(self, limit: int = 300) -> list[Choice]:
        with self.db.reading() as s:
            rows = s.execute(select(Event.id, Event.title, Event.kind, Event.starts_at)
                             .where(Event.deleted_at.is_(None))
                             .order_by(Event.starts_at.desc()).limit(limit)).all()
        return [Choice(i, f"{at.day} {at:%b %Y} · {t} ({gather.label(EventKind, k)})")
                for i, t, k, at in rows]

    def campaigns(self) -> list[Choice]:
        with self.db.reading() as s:
            rows = s.execute(select(Campaign.id, Campaign.name)
                             .where(Campaign.deleted_at.is_(None))
                             .order_by(Campaign.starts_on.desc().nulls_last())).all()
        return [Choice(i, n) for i, n in rows]

    @property
    def library(self) -> TemplateLibrary:
        if self._templates is None:
            from saypro_desktop.resources import resource
            from saypro_desktop.services.workspace import data_dir

            self._templates = TemplateLibrary(data_dir() / "templates", resource("templates"))
        return self._templates

    @property
    def cover(self) -> Template:
        """The packet's cover-letter template (the organiser's copy if there is one)."""
        return self.library.get(PACKET_TEMPLATE)

    def templates(self) -> list[Choice]:
        return [Choice(t.name, t.title) for t in self.library.list()]

    def partner_ids(self, *, chosen: Sequence[str] = (), stage: str | None = None,
                    tomorrow: bool = False) -> list[str]:
        """The organisations a batch covers: chosen ones, a stage, or tomorrow's meetings."""
        with self.db.reading() as s:
            if stage:
                return gather.org_ids_in_stage(s, stage)
            if tomorrow:
                return gather.org_ids_meeting_on(s, self.today() + timedelta(days=1))
            for org_id in chosen:
                gather.org_row(s, org_id)
            return list(dict.fromkeys(chosen))

    # -- single documents --------------------------------------------------------------
    def packet(self, org_id: str, *, paper: str = "a4") -> bytes:
        from saypro_desktop.documents.packet import render_packet

        with self.db.reading() as s:
            data, _ = gather.packet_data(s, org_id, self.today(), self.cover,
                                         sender=self.sender)
            prov = gather.provenance(s)
        return render_packet(data, prov, paper=paper)

    def packets(self, org_ids: Sequence[str], *, paper: str = "a4") -> bytes:
        """Several packets in one file (each numbers its own pages)."""
        from saypro_desktop.documents.packet import render_packets

        if not org_ids:
            raise ValidationError("choose at least one organisation")
        cover = self.cover
        with self.db.reading() as s:
            shared = self._shared(s)
            datas = [gather.packet_data(s, o, self.today(), cover, sender=self.sender,
                                        **shared)[0] for o in org_ids]
            prov = gather.provenance(s)
        return render_packets(datas, prov, paper=paper)

    def letter_text(self, template: str, org_id: str) -> RenderedLetter:
        """The template filled in for one organisation, as the e-mail draft is."""
        with self.db.reading() as s:
            gather.org_row(s, org_id)
            contact = gather.primary_contact(s, org_id)
        return render(self.library.get(template),
                      letter_values(self.db, organisation_id=org_id,
                                    person_id=contact[0] if contact else None,
                                    today=self.today()))

    def letter(self, template: str, org_ids: Sequence[str] | str, *,
               paper: str = "a4") -> bytes:
        from saypro_desktop.documents.letter import render_letters

        ids = [org_ids] if isinstance(org_ids, str) else list(org_ids)
        if not ids:
            raise ValidationError("choose at least one organisation")
        with self.db.reading() as s:
            letters = [self._letter(s, template, o) for o in ids]
            prov = gather.provenance(s)
        return render_letters(letters, prov, paper=paper)

    def figures(self, *, campaign_id: str | None = None, start: date | None = None,
                end: date | None = None, phase: str | None = None) -> ReportFigures:
        """The report's figures; every number the metrics service counts comes from it,
        for the same campaign and dates."""
        from saypro_desktop.services.metrics import Metrics
        from saypro_desktop.services.metrics.queries import Range

        with self.db.reading() as s:
            mine = report_figures(s, self.today(), campaign_id=campaign_id, start=start,
                                  end=end, phase=phase)
            campaign = gather.current_campaign(s, self.today(), campaign_id)
        assert campaign is not None  # report_figures refuses a database without one
        snapshot = Metrics(self.db).snapshot(Range(mine.starts_on, mine.ends_on, campaign.id),
                                             with_objectives=False)
        return with_metrics(mine, snapshot)

    def report(self, kind: str, *, campaign_id: str | None = None, start: date | None = None,
               end: date | None = None, phase: str | None = None, paper: str = "a4") -> bytes:
        from saypro_desktop.documents.report import render_report

        if kind not in ("progress", "impact"):
            raise ValidationError(f"'{kind}' is not a report; choose progress or impact")
        figures = self.figures(campaign_id=campaign_id, start=start, end=end, phase=phase)
        with self.db.reading() as s:
            prov = gather.provenance(s)
        return render_report(kind, figures, prov, paper=paper)

    def minutes(self, meeting_id: str, *, paper: str = "a4") -> bytes:
        from saypro_desktop.documents.minutes import render_minutes

        with self.db.reading() as s:
            data = papers.minutes_data(s, meeting_id)
            prov = gather.provenance(s)
        return render_minutes(data, prov, paper=paper)

    def action_plan(self, org_id: str, *, paper: str = "a4") -> bytes:
        from saypro_desktop.documents.action_plan import render_action_plan

        with self.db.reading() as s:
            data = papers.action_plan_data(s, org_id, self.today())
            prov = gather.provenance(s)
        return render_action_plan(data, prov, paper=paper)

    def callsheet(self, *, stage: str | None = None, paper: str = "a4") -> bytes:
        from saypro_desktop.documents.callsheet import render_callsheet

        with self.db.reading() as s:
            data = papers.callsheet_data(s, self.today(), stage)
            prov = gather.provenance(s)
        return render_callsheet(data, prov, paper=paper)

    def signin_sheet(self, event_id: str, *, paper: str = "a4") -> bytes:
        from saypro_desktop.documents.data import SheetRow
        from saypro_desktop.documents.signin import render_signin_sheet
        from saypro_desktop.services import events_signin
        from saypro_desktop.services.events import EventsService

        # The RSVP list and its row codes as the events desk reads them back.
        rows = [SheetRow(r.code, r.name, r.organisation)
                for r in EventsService(self.db).sheet_rows(event_id)]
        labels = events_signin.CONSENT_LABELS
        channels = events_signin.CONSENT_CHANNELS
        wording = " ".join(f"{labels[c]}: {events_signin.CONSENT_WORDING[c]}" for c in channels)
        with self.db.reading() as s:
            data = papers.signin_sheet_data(
                s, event_id, rows,
                consent_wording=f"By ticking a box: {wording} {events_signin.CONSENT_FOOTNOTE}",
                consent_version=events_signin.CONSENT_WORDING_VERSION,
                consent_columns=tuple(labels[c] for c in channels))
            prov = gather.provenance(s)
        return render_signin_sheet(data, prov, paper=paper)

    def save(self, data: bytes, path: Path, what: str) -> Path:
        """Write a document whole (never half a file) and remember it held personal data,
        so an erasure can name the file."""
        write_atomically(path, data)
        note_written_file(self.db, path, what)
        return path

    # -- batches -------------------------------------------------------------------------
    def write_packets(self, org_ids: Sequence[str], out_dir: Path | None, *,
                      combined: Path | None = None, paper: str = "a4",
                      channel: str = Channel.LETTER.value, log: bool = True,
                      progress: Progress | None = None) -> BatchResult:
        """One PDF per partner in ``out_dir`` and/or one ``combined`` file.

        Each file is written whole under a temporary name, then renamed, so a cancel
        (``progress`` returning False) or a failure never leaves half a file. Each packet
        written is logged on the partner's timeline as an outbound ``channel`` interaction.
        One packet is in memory at a time (the combined file keeps the data, not PDFs).
        """
        from saypro_desktop.documents.packet import render_packet, render_packets

        if channel not in (Channel.LETTER.value, Channel.EMAIL.value):
            raise ValidationError(f"'{channel}' is not how a packet is sent; use letter or "
                                  "email")
        if out_dir is None and combined is None:
            raise ValidationError("say where to write: a folder, a combined file, or both")
        ids = list(dict.fromkeys(org_ids))
        if not ids:
            raise ValidationError("no organisations to write packets for")
        result = BatchResult()
        sent: list[_Sent] = []  # written, to be logged
        pending: list[_Sent] = []  # only in the combined file: logged once it is written
        taken: set[str] = set()
        total = len(ids) + (1 if combined is not None else 0)
        today = self.today()
        combined_data = []
        cover = self.cover  # read once: a broken template stops the batch before it starts
        with self.db.reading() as s:
            shared = self._shared(s)
            prov = gather.provenance(s)
        try:
            for done, org_id in enumerate(ids):
                if progress is not None and not progress(done, total):
                    result.cancelled = True
                    break
                with self.db.reading() as s:
                    data, person_id = gather.packet_data(s, org_id, today, cover,
                                                         sender=self.sender,
                                                         **shared)
                if out_dir is not None:
                    path = unique_path(out_dir, safe_stem(data.organisation.name,
                                                          "partnership proposal"), ".pdf",
                                       taken)
                    write_atomically(path, render_packet(data, prov, paper=paper))
                    result.written.append(path)
                if combined is not None:
                    combined_data.append(data)
                campaign = data.campaign.name if data.campaign else "the coalition"
                item = _Sent(org_id, person_id,
                             f"Partnership proposal packet sent ({campaign})")
                (sent if out_dir is not None else pending).append(item)
        finally:
            # The batch's files in one transaction, even when it stopped half-way.
            note_written_files(self.db, result.written, "partnership packet")
        if combined is not None and not result.cancelled and combined_data:
            if progress is not None and not progress(len(ids), total):
                result.cancelled = True
            else:
                self.save(render_packets(combined_data, prov, paper=paper), combined,
                          "partnership packets")
                result.combined = combined
                sent += pending
        if log and sent:
            result.logged = self.log_sent(sent, channel)
        if progress is not None and not result.cancelled:
            progress(total, total)
        return result

    def log_sent(self, sent: Sequence[_Sent], channel: str) -> int:
        """Record each packet sent as an interaction on the partner's timeline."""
        with self.db.reading() as s:
            campaign = gather.current_campaign(s, self.today())
        with UnitOfWork(self.db) as uow:
            uow.create_many(Interaction, [
                {"organisation_id": item.org_id, "person_id": item.person_id,
                 "campaign_id": campaign.id if campaign else None, "channel": channel,
                 "direction": "outbound", "occurred_at": uow.now, "subject": item.subject}
                for item in sent])
        return len(sent)

    # -- helpers -------------------------------------------------------------------------
    def _shared(self, s: Any) -> dict[str, Any]:
        """What every packet of a batch shares, read once."""
        start = datetime.combine(self.today(), datetime.min.time())
        return {"members": gather.listed_members(s),
                "events": gather.upcoming_events(s, start),
                "campaign": gather.campaign_summary(s, gather.current_campaign(s, self.today()))}

    def _letter(self, s: Any, template: str, org_id: str) -> LetterData:
        org = gather.org_row(s, org_id)
        contact = gather.primary_contact(s, org_id)
        chosen = self.library.get(template)
        text = render(chosen, letter_values(self.db, organisation_id=org_id,
                                            person_id=contact[0] if contact else None,
                                            today=self.today()))
        lines = tuple(p for p in (contact[1].job_title if contact else None, org.name,
                                  org.address,
                                  ", ".join(x for x in (org.city, org.province) if x)) if p)
        return LetterData(subject=text.subject, body=text.body,
                          recipient_name=contact[1].name if contact else org.name,
                          recipient_lines=lines if contact else lines[1:], sender=self.sender,
                          letter_date=self.today(), kind=chosen.title.split(":")[0])


__all__ = ["BatchResult", "Choice", "DocumentKind", "DocumentsService", "SayProError"]
