"""The documents service over a demo coalition: the right partner, people and figures on
paper; batches that write whole files, log what was sent and stop cleanly."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import (
    Interaction,
    Meeting,
    MeetingAttendee,
    Organisation,
    Person,
)
from saypro_desktop.domain.errors import NotFoundError, ValidationError
from saypro_desktop.services.demo import fill_demo, reference_date
from saypro_desktop.services.documents import DocumentsService, gather
from saypro_desktop.services.documents.files import safe_stem
from saypro_desktop.services.workspace import open_workspace
from saypro_desktop.services.written_files import written_files
from tests.documents.pdfcheck import check_structure, reader, require_tools, text

SEED = 7
TODAY = reference_date(SEED)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = open_workspace(tmp_path_factory.mktemp("documents") / "demo.sqlite3")
    fill_demo(db, 300, seed=SEED)
    yield db
    db.dispose()


@pytest.fixture
def docs(demo_db: Database) -> DocumentsService:
    return DocumentsService(demo_db, today=lambda: TODAY)


def _org_with_contact(db: Database) -> tuple[str, str, str]:
    with db.reading() as s:
        for org_id, name in s.execute(select(Organisation.id, Organisation.name)
                                      .order_by(Organisation.name)):
            contact = gather.primary_contact(s, org_id)
            if contact is not None:
                return org_id, name, contact[1].name
    raise AssertionError("the demo has no organisation with people")


def test_packet_names_the_partner_and_its_contact(docs: DocumentsService,
                                                  demo_db: Database) -> None:
    org_id, name, contact = _org_with_contact(demo_db)
    pdf = docs.packet(org_id)
    body = text(pdf)
    assert name in body
    assert f"Dear {contact.split()[0]}," in body
    assert "Commitment form" in body and "Advocacy support" in body
    assert reader(pdf).metadata.title == f"Partnership proposal: {name}"
    check_structure(pdf)


def test_packet_for_a_missing_partner_is_a_clear_error(docs: DocumentsService) -> None:
    with pytest.raises(NotFoundError, match="no organisation with id nope"):
        docs.packet("nope")


def test_letter_prints_the_same_words_as_the_email_draft(docs: DocumentsService,
                                                       demo_db: Database) -> None:
    org_id, name, contact = _org_with_contact(demo_db)
    rendered = docs.letter_text("introduction-join-coalition", org_id)
    body = text(docs.letter("introduction-join-coalition", org_id, paper="letter"))
    assert " ".join(rendered.subject.split()) in body
    for paragraph in rendered.body.split("\n\n"):
        words = " ".join(paragraph.split())
        if words:
            assert words in body, words
    assert name in body and contact.split()[0] in body


def test_an_edited_template_is_what_prints(docs: DocumentsService, demo_db: Database,
                                           tmp_path: Path) -> None:
    from saypro_desktop.resources import resource
    from saypro_desktop.services.templates import TemplateLibrary

    library = TemplateLibrary(tmp_path / "templates", resource("templates"))
    library.save("thanks-mine", "Title: Thanks\nSubject: Ngiyabonga, {{organisation}}\n\n"
                                "Thank you kindly.\n")
    mine = DocumentsService(demo_db, today=lambda: TODAY, templates=library)
    org_id, name, _ = _org_with_contact(demo_db)
    assert "thanks-mine" in [c.id for c in mine.templates()]
    body = text(mine.letter("thanks-mine", org_id))
    assert f"Ngiyabonga, {name}" in body and "Thank you kindly." in body


def test_the_packet_cover_letter_is_its_template_and_an_edited_copy_wins(
        docs: DocumentsService, demo_db: Database, tmp_path: Path) -> None:
    from saypro_desktop.resources import resource
    from saypro_desktop.services.templates import PACKET_TEMPLATE, TemplateError, TemplateLibrary

    org_id, name, _ = _org_with_contact(demo_db)
    shipped = text(docs.packet(org_id))
    assert "Please return the commitment form at the end of this packet by" in shipped
    assert "{{" not in shipped
    # The cover letter is not offered as a letter of its own.
    assert PACKET_TEMPLATE not in [c.id for c in docs.templates()]

    library = TemplateLibrary(tmp_path / "templates", resource("templates"))
    shipped_text = library.get(PACKET_TEMPLATE).text()
    library.save(PACKET_TEMPLATE, shipped_text.replace(
        "Yours sincerely,", "Sala kahle, {{organisation}} - reply by {{reply_by}}.\n\n"
                            "Yours sincerely,"))
    mine = DocumentsService(demo_db, today=lambda: TODAY, templates=library)
    edited = text(mine.packet(org_id))
    reply_by = TODAY + timedelta(days=14)
    assert (f"Sala kahle, {name} - reply by {reply_by.day} {reply_by:%B %Y}."
            in " ".join(edited.split()))

    with pytest.raises(TemplateError, match=r"template 'packet-cover-letter'.*\{\{frist_name\}\}"):
        library.save(PACKET_TEMPLATE, shipped_text + "{{frist_name}}\n")


def test_report_figures_equal_the_metrics_service_for_the_same_range(
        docs: DocumentsService, demo_db: Database) -> None:
    from saypro_desktop.services.metrics import Metrics
    from saypro_desktop.services.metrics.queries import Range

    start, end = TODAY - timedelta(days=120), TODAY
    f = docs.figures(start=start, end=end)
    with demo_db.reading() as s:
        campaign = gather.current_campaign(s, TODAY)
    assert campaign is not None
    v = Metrics(demo_db).snapshot(Range(start, end, campaign.id)).values
    assert (f.contacts_reached, f.messages_sent, f.meetings_held, f.commitments_pledged,
            f.commitments_delivered, f.concerns_addressed, f.attendance, f.events_held,
            f.media_reach) == tuple(round(v[k]) for k in (
                "contacts_reached", "organisations_contacted", "meetings_held",
                "commitments_pledged", "commitments_delivered", "concerns_addressed",
                "attendance", "events_held", "media_reach"))
    assert f.response_rate == pytest.approx(v["response_rate"])
    assert f.messages_sent > 0 and sum(r.sent for r in f.by_channel) == f.messages_sent
    body = text(docs.report("progress", start=start, end=end))
    # The headline cards, first row left to right, then their captions. (Text extraction
    # keeps or drops the spaces around a big "/" depending on the digits' widths.)
    assert (f"{f.contacts_reached:,} {f.response_rate:.0%} {f.meetings_held:,} "
            f"{f.commitments_pledged:,}/{f.commitments_delivered:,}") in body.replace(" / ", "/")
    assert f"response rate ({f.responses:,} of {f.messages_sent:,} contacted replied)" in body
    impact = text(docs.report("impact", start=start, end=end))
    assert (f"{f.contacts_reached:,} {f.commitments_pledged:,} {f.commitments_delivered:,} "
            f"{f.attendance:,}") in impact


def test_a_backwards_range_is_refused(docs: DocumentsService) -> None:
    with pytest.raises(ValidationError, match=r"ends .* before it starts"):
        docs.report("progress", start=TODAY, end=TODAY - timedelta(days=3))


def test_minutes_action_plan_callsheet_and_signin_sheet(docs: DocumentsService,
                                                        demo_db: Database) -> None:
    with demo_db.reading() as s:
        meeting_id, title = s.execute(
            select(Meeting.id, Meeting.title)
            .join(MeetingAttendee, MeetingAttendee.meeting_id == Meeting.id)
            .order_by(Meeting.starts_at).limit(1)).one()
        attendee = s.execute(
            select(Person.first_name, Person.last_name)
            .join(MeetingAttendee, MeetingAttendee.person_id == Person.id)
            .where(MeetingAttendee.meeting_id == meeting_id,
                   MeetingAttendee.attended.is_(True))
            .order_by(Person.last_name).limit(1)).one()
    minutes = text(docs.minutes(meeting_id))
    assert title in minutes and f"{attendee[0]} {attendee[1]}" in minutes
    org_id, name, _ = _org_with_contact(demo_db)
    assert name in text(docs.action_plan(org_id))
    sheet = docs.callsheet()
    assert "Outreach call sheet" in text(sheet)
    from saypro_desktop.services.events import EventsService

    events = EventsService(demo_db)
    event, rows = next((e, r) for e in docs.events() if (r := events.sheet_rows(e.id)))
    pdf = docs.signin_sheet(event.id)
    printed = text(pdf)
    assert rows[0].name in printed and rows[-1].name in printed
    # Each RSVP's row code is printed on the line of its name, as the page reads.
    require_tools()
    layout = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, check=True,
                            capture_output=True).stdout.decode("utf-8")
    assert any(f" {rows[0].code} " in f" {line} " and rows[0].name.split()[0] in line
               for line in layout.splitlines())
    assert "WhatsApp" in printed and "never share your details" in printed
    for pdf in (sheet, docs.minutes(meeting_id, paper="letter")):
        check_structure(pdf)


def test_windows_safe_file_names() -> None:
    assert safe_stem('Ubuntu: "Care" <Trust>/Soweto?') == "Ubuntu Care Trust Soweto"
    assert safe_stem("CON") == "CON file"
    assert safe_stem("   ...") == "document"
    assert safe_stem("Élan\x00 Vital. ") == "Élan Vital"
    assert len(safe_stem("x" * 500)) == 100


def _interactions(db: Database) -> int:
    with db.reading() as s:
        return s.execute(select(func.count()).select_from(Interaction)).scalar_one()


def test_batch_writes_one_file_each_and_logs_each_packet(docs: DocumentsService,
                                                        demo_db: Database,
                                                        tmp_path: Path) -> None:
    ids = docs.partner_ids(chosen=[c.id for c in docs.organisations()[:4]])
    before = _interactions(demo_db)
    result = docs.write_packets(ids, tmp_path / "out", combined=tmp_path / "all.pdf",
                                channel="email")
    assert len(result.written) == 4 and result.combined == tmp_path / "all.pdf"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        p.name for p in result.written)
    with demo_db.reading() as s:
        names = gather.org_names(s, ids)
        logged = s.execute(select(Interaction.organisation_id, Interaction.channel,
                                  Interaction.subject)
                           .order_by(Interaction.created_at.desc()).limit(4)).all()
    assert {p.stem for p in result.written} == {safe_stem(n) for n in names.values()}
    assert _interactions(demo_db) == before + 4
    assert {o for o, _, _ in logged} == set(ids)
    assert all(c == "email" and "Partnership proposal packet sent" in (s or "")
               for _, c, s in logged)
    assert text((tmp_path / "all.pdf").read_bytes()).count("Commitment form") == 4
    assert {f.path for f in written_files(demo_db)} >= {p.resolve() for p in result.written}


def test_a_cancelled_batch_leaves_no_half_written_file(docs: DocumentsService,
                                                       demo_db: Database,
                                                       tmp_path: Path) -> None:
    ids = [c.id for c in docs.organisations()[:6]]
    before = _interactions(demo_db)
    result = docs.write_packets(ids, tmp_path / "out", combined=tmp_path / "all.pdf",
                                progress=lambda done, total: done < 3)
    assert result.cancelled and len(result.written) == 3
    left = sorted(p.name for p in tmp_path.rglob("*") if p.is_file())
    assert left == sorted(p.name for p in result.written), "no temp or combined file left"
    for path in result.written:
        check_structure(path.read_bytes())
    assert _interactions(demo_db) == before + 3  # only what was really written


def test_partners_on_tomorrows_meetings(docs: DocumentsService, demo_db: Database) -> None:
    with demo_db.reading() as s:
        day = s.execute(select(func.min(Meeting.starts_at))).scalar_one().date()
        expected = set(gather.org_ids_meeting_on(s, day))
    later = DocumentsService(demo_db, today=lambda: day - timedelta(days=1))
    assert set(later.partner_ids(tomorrow=True)) == expected
