"""Plain data for every document, with any text swapped for what a test feeds in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from saypro_desktop.documents.action_plan import render_action_plan
from saypro_desktop.documents.base import Provenance
from saypro_desktop.documents.callsheet import render_callsheet
from saypro_desktop.documents.data import (
    ActionLine,
    ActionPlanData,
    AssessmentScores,
    Attendee,
    CallLine,
    CallSheetData,
    CampaignSummary,
    CommitmentLine,
    Contact,
    CountLine,
    EventAttendance,
    EventLine,
    LastContact,
    LetterData,
    MediaLine,
    MemberLine,
    MinutesData,
    ObjectiveLine,
    OrgProfile,
    PacketData,
    PeriodCount,
    RateLine,
    ReformLine,
    ReportFigures,
    Sender,
    SheetRow,
    SignInSheetData,
    StoryLine,
)
from saypro_desktop.documents.letter import render_letters
from saypro_desktop.documents.minutes import render_minutes
from saypro_desktop.documents.packet import render_packet
from saypro_desktop.documents.report import render_report
from saypro_desktop.documents.signin import render_signin_sheet

PROV = Provenance(datetime(2026, 3, 9, 14, 5), datetime(2026, 3, 9, 13, 58), "Field laptop 3")
SENDER = Sender("Thandeka Nkosi", "Coalition coordinator", "thandeka@example.org",
                "+27 11 555 0100")


def org(name: str = "Ubuntu Community Care", note: str = "Runs two clinics.") -> OrgProfile:
    return OrgProfile(name=name, category="Social service provider",
                      focus_areas=("Healthcare", "Housing"), city="Soweto", province="Gauteng",
                      phone="+27 11 555 0199", stage="Contacted", priority="High",
                      strengths=note, resources_offered=note, expected_impact=note)


def packet(name: str = "Ubuntu Community Care", person: str = "Nomsa Dlamini",
           note: str = "Runs two clinics.") -> PacketData:
    return PacketData(
        organisation=org(name, note), contact=Contact(person, "Director"),
        sender=SENDER,
        campaign=CampaignSummary("Dignity in Social Services", note, date(2025, 7, 1),
                                 date(2026, 5, 1),
                                 (ObjectiveLine(note or "Recruit", "Commitments pledged", "25",
                                                date(2025, 10, 1)),)),
        assessment=AssessmentScores(date(2026, 1, 2), 4, 5, 3, None, note),
        members=(MemberLine(name, "Nonprofit", "Durban"), MemberLine("Kwa-Mashu Youth", None)),
        events=(EventLine(note or "Town hall", "Town hall", datetime(2026, 3, 20, 18), note,
                          "Soweto"),),
        reply_by=date(2026, 3, 23), letter_date=date(2026, 3, 9),
        letter_subject=f"Invitation to join the coalition: {name}",
        letter_body=f"Dear {person},\n\nWe are writing to {name} about the coalition.\n\n"
                    f"{note}\n\nYours sincerely,\n\nThandeka Nkosi\nCoalition coordinator\n")


def figures(label: str = "Email", note: str = "Budget vote delayed") -> ReportFigures:
    return ReportFigures(
        campaign="Dignity in Social Services", phase="Campaign", starts_on=date(2026, 1, 1),
        ends_on=date(2026, 3, 1), contacts_reached=412, messages_sent=530, responses=203,
        by_channel=(RateLine(label, 300, 120), RateLine("Phone", 230, 83)),
        by_category=(RateLine(label, 100, 40), RateLine("Nonprofit", 430, 163)),
        contacts_over_time=tuple(PeriodCount(f"{d} Jan", d * 3) for d in range(1, 9)),
        meetings_held=17, meetings_by_kind=(CountLine(label, 17),),
        commitments_pledged=45, commitments_delivered=16,
        commitments_by_kind=((label, 30, 10), ("Data", 15, 6)),
        concerns_raised=22, concerns_addressed=8, concerns_by_category=((label, 22, 8),),
        events=(EventAttendance(note, datetime(2026, 2, 1, 10), "Soweto", 183, 250),),
        reforms=(ReformLine(note, "National", "Passed", note),
                 ReformLine("Grant appeals", "Provincial", "Stalled", note)),
        setbacks=(note,), next_steps=(note, "Briefing with the portfolio committee"),
        stories=(StoryLine(note, note, "A community member", date(2026, 2, 2)),),
        media=(MediaLine(note, "Op ed", label, date(2026, 2, 3), 12000),),
        attendance=183, events_held=1, media_reach=12000, reforms_advanced=2,
        reforms_by_stage=(CountLine("Passed", 1), CountLine("Stalled", 1)))


def minutes(title: str = "Steering committee", note: str = "Agreed the budget.",
            attendees: int = 5) -> MinutesData:
    return MinutesData(
        title=title, kind="Steering committee", starts_at=datetime(2026, 3, 2, 9),
        ends_at=datetime(2026, 3, 2, 11), location=note, campaign="Dignity",
        attendees=tuple(Attendee(f"{title} {i}", note, i % 4 != 0) for i in range(attendees)),
        agenda=(note, "Budget"), notes=note, decisions=(note,),
        actions=(ActionLine(note, title, date(2026, 3, 20), "Open"),))


def action_plan(name: str = "Ubuntu Community Care", note: str = "Host forum") -> ActionPlanData:
    return ActionPlanData(
        organisation=org(name, note), contact=Contact(name, note, note, note),
        commitments=(CommitmentLine("Event hosting", note, "Pledged", date(2026, 2, 1), None,
                                    "2"),),
        actions=(ActionLine(note, name, date(2026, 3, 10), "Open", resources=note),),
        follow_ups=(ActionLine(note, None, date(2026, 3, 11), "Open"),),
        meetings=(EventLine(note, "Briefing", datetime(2026, 3, 12, 10)),),
        events=(EventLine(note, "Town hall", datetime(2026, 3, 20, 18)),), notes=note)


def callsheet(name: str = "Ubuntu Community Care", note: str = "Asked for data") -> CallSheetData:
    return CallSheetData("Outreach call sheet", date(2026, 3, 9), tuple(
        CallLine(f"{name} {i}", "High", "Contacted", name, "+27 11 555 0100",
                 LastContact(date(2026, 3, 1), "Email", "Interested", note), note)
        for i in range(12)))


def signin(name: str = "Nomsa Dlamini", note: str = "Soweto Library Hall",
           rows: int = 8) -> SignInSheetData:
    return SignInSheetData(note, "Town hall", datetime(2026, 3, 20, 18), note, "Soweto",
                           tuple(SheetRow(f"AB{i:04d}", f"{name} {i}", note)
                                 for i in range(rows)), blank_rows=15,
                           consent_wording=note, consent_version="2026-01")


def letter(name: str = "Nomsa Dlamini", body: str = "Thank you.") -> LetterData:
    return LetterData(subject=f"Thank you, {name}", body=body, recipient_name=name,
                      recipient_lines=(name, "Soweto"), sender=SENDER,
                      letter_date=date(2026, 3, 9), kind="Thank you")


# Every document, rendered from a name and a note a test chooses.
DOCUMENTS: dict[str, Callable[[str, str, str], bytes]] = {
    "packet": lambda name, note, paper: render_packet(packet(name, name, note), PROV,
                                                      paper=paper),
    "letter": lambda name, note, paper: render_letters([letter(name, note)], PROV, paper=paper),
    "progress": lambda name, note, paper: render_report("progress", figures(name, note), PROV,
                                                        paper=paper),
    "impact": lambda name, note, paper: render_report("impact", figures(name, note), PROV,
                                                      paper=paper),
    "minutes": lambda name, note, paper: render_minutes(minutes(name, note), PROV, paper=paper),
    "action_plan": lambda name, note, paper: render_action_plan(action_plan(name, note), PROV,
                                                                paper=paper),
    "callsheet": lambda name, note, paper: render_callsheet(callsheet(name, note), PROV,
                                                            paper=paper),
    "signin": lambda name, note, paper: render_signin_sheet(signin(name, note), PROV,
                                                            paper=paper),
}
