"""The event sign-in sheet: RSVPs pre-filled with a short row code, numbered blank rows
for walk-ins, consent tick boxes per channel and the consent wording at the foot."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from saypro_desktop.documents.base import (
    DocumentInfo,
    Issuer,
    Paper,
    Provenance,
    Section,
    day,
    frame_width,
    render_sections,
)
from saypro_desktop.documents.blocks import (
    TICK,
    Plain,
    data_table,
    facts,
    gap,
    heading,
    para,
    plain_columns,
    tick_columns,
)
from saypro_desktop.documents.data import SignInSheetData
from saypro_desktop.documents.text import one_line


def signin_story(sheet: SignInSheetData, width: float) -> list[Flowable]:
    consent_cols = len(sheet.consent_columns)
    tick_w = 19 * mm
    fixed_cols = 9 * mm + 19 * mm + 30 * mm + 46 * mm + 26 * mm + tick_w * consent_cols
    name_w = width - fixed_cols
    widths = (9 * mm, 19 * mm, name_w, 30 * mm, 46 * mm, 26 * mm,
              *([tick_w] * consent_cols))
    header = ("#", "Code", "Name", "Phone", "E-mail", "Area", *sheet.consent_columns)
    rows: list[tuple[object, ...]] = []
    for number, row in enumerate(sheet.rows, start=1):
        name = row.name + (f" ({row.organisation})" if row.organisation else "")
        rows.append((Plain(number), Plain(row.code), name, "", "", "",
                     *[TICK] * consent_cols))
    start = len(sheet.rows) + 1
    for number in range(start, start + sheet.blank_rows):
        rows.append((Plain(number), "", "", "", "", "",
                     *[TICK] * consent_cols))
    when = f"{day(sheet.starts_at)}, {sheet.starts_at:%H:%M}"
    story: list[Flowable] = [
        para(f"Sign-in sheet: {one_line(sheet.title)}", "Title"),
        facts([("Event", sheet.kind), ("When", when),
               ("Where", ", ".join(p for p in (sheet.venue, sheet.city) if p) or None),
               ("Campaign", sheet.campaign)], width),
        gap(3 * mm),
        para("Please print clearly. Tick a box only if you agree to be contacted that way.",
             "Small"),
        data_table(header, rows, widths, padding=6,
                   commands=[plain_columns(0, 1, padding=6), *tick_columns(6)]),
    ]
    if len(consent_text(sheet)) > FOOT_LIMIT:
        story += [*heading("Consent", 2), para(consent_text(sheet), "Small")]
    return story


DEFAULT_CONSENT = (
    "Consent: by ticking a box you agree that SayPro and the coalition may contact you about "
    "this campaign in the way you ticked. You can withdraw at any time by telling us; we "
    "never share your details outside the coalition.")


FOOT_LIMIT = 600  # longer wording is printed whole on the last page instead


def consent_text(sheet: SignInSheetData) -> str:
    text = sheet.consent_wording or DEFAULT_CONSENT
    if sheet.consent_version:
        text += f" (Consent wording version {sheet.consent_version}.)"
    return text


def consent_foot(sheet: SignInSheetData) -> str:
    text = consent_text(sheet)
    if len(text) > FOOT_LIMIT:
        return "Consent: the full wording of what ticking a box agrees to is on the last page."
    return text


def render_signin_sheet(sheet: SignInSheetData, provenance: Provenance, *,
                        paper: Paper | str = Paper.A4, issuer: Issuer | None = None) -> bytes:
    info = DocumentInfo(title=f"Sign-in sheet: {sheet.title}",
                        subject=f"Attendance and consent, {day(sheet.starts_at)}",
                        keywords=("sign-in", "event"))
    section = Section(running_title=f"Sign-in · {one_line(sheet.title)} · "
                                    f"{day(sheet.starts_at)}",
                      story=signin_story(sheet, frame_width(paper, wide=True)), landscape=True)
    return render_sections(info, provenance, [section], paper=paper, issuer=issuer,
                           letterhead=False, foot_note=consent_foot(sheet))
