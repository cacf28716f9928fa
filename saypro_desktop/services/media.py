"""Media items: press releases, op-eds, interviews, coverage and social posts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import MediaItem
from saypro_desktop.domain.enums import MediaKind
from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.domain.people import clean_required_text, clean_text
from saypro_desktop.services.campaigns import parse_date
from saypro_desktop.services.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class MediaRow:
    id: str
    kind: str
    title: str
    outlet: str | None
    published_on: date | None
    url: str | None
    reach: int | None

    @property
    def kind_label(self) -> str:
        return MediaKind.label_for(self.kind)


class MediaItems:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, kind: str, title: str, *, outlet: str | None = None,
            published_on: object = None, url: str | None = None, reach: object = None,
            campaign_id: str | None = None) -> str:
        try:
            kind_value = MediaKind(kind).value
        except ValueError:
            raise ValidationError(f"'{kind}' is not a kind of media item; choose "
                                  f"{', '.join(k.value for k in MediaKind)}") from None
        audience: int | None = None
        if reach not in (None, ""):
            try:
                audience = int(str(reach).replace(",", "").replace(" ", ""))
            except ValueError:
                raise ValidationError(f"reach '{reach}' is not a whole number") from None
            if audience < 0:
                raise ValidationError("reach cannot be negative")
        link = clean_text(url, field="link")
        if link and not link.startswith(("http://", "https://")):
            raise ValidationError(f"the link '{link}' should start with https://")
        with UnitOfWork(self.db) as uow:
            return uow.create(MediaItem, {
                "kind": kind_value, "title": clean_required_text(title, field="title"),
                "outlet": clean_text(outlet, field="outlet"),
                "published_on": parse_date(published_on, field="date") if published_on else None,
                "url": link, "reach": audience, "campaign_id": campaign_id})

    def all(self) -> list[MediaRow]:
        stmt = (select(MediaItem.id, MediaItem.kind, MediaItem.title, MediaItem.outlet,
                       MediaItem.published_on, MediaItem.url, MediaItem.reach)
                .where(MediaItem.deleted_at.is_(None))
                .order_by(MediaItem.published_on.desc(), MediaItem.title))
        with self.db.reading() as session:
            return [MediaRow(*row) for row in session.execute(stmt)]
