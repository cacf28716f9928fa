"""Stories keep an anonymised teller's name off every list but their own record; media items
refuse values that would mislead a report."""

from __future__ import annotations

import pytest

from saypro_desktop.db.engine import Database
from saypro_desktop.domain.errors import ValidationError
from saypro_desktop.services import people
from saypro_desktop.services.context import AppServices
from saypro_desktop.services.metrics import Range
from saypro_desktop.services.metrics.records import describe


def test_an_anonymised_story_names_its_teller_only_on_their_record(db: Database) -> None:
    app = AppServices(db)
    pid = people.add_person(db, {"first_name": "Thandiwe", "last_name": "Mokoena"})
    app.stories.add("Eight months for a grant", person_id=pid, consent_given=True,
                    anonymised=True, collected_on="2026-02-01")
    app.stories.add("The clinic queue", person_id=pid, consent_given=True,
                    collected_on="2026-02-02")
    listed = {s.title: s.teller for s in app.stories.all()}
    assert listed == {"Eight months for a grant": "Anonymous",
                      "The clinic queue": "Thandiwe Mokoena"}
    own = {s.title: s.teller for s in app.stories.for_person(pid)}
    assert own["Eight months for a grant"] == "Thandiwe Mokoena"
    request = app.metrics.records("stories_collected", Range())
    rows = describe(db, request.table, request.ids).rows
    assert sorted(rows) == [("Eight months for a grant", "Anonymous", "1 Feb 2026"),
                            ("The clinic queue", "Thandiwe Mokoena", "2 Feb 2026")]


def test_stories_without_consent_are_marked_and_not_counted(db: Database) -> None:
    app = AppServices(db)
    app.stories.add("Told in confidence", consent_given=False, collected_on="2026-02-01")
    assert [s.consent_given for s in app.stories.all()] == [False]
    assert app.stories.all(usable_only=True) == []
    assert app.metrics.snapshot(Range()).values["stories_collected"] == 0


@pytest.mark.parametrize("fields, message", [
    ({"kind": "blog", "title": "T"}, "'blog' is not a kind of media item"),
    ({"kind": "op_ed", "title": "T", "reach": "lots"}, "reach 'lots' is not a whole number"),
    ({"kind": "op_ed", "title": "T", "reach": -5}, "reach cannot be negative"),
    ({"kind": "op_ed", "title": "T", "url": "javascript:alert(1)"}, "should start with https"),
    ({"kind": "op_ed", "title": "T", "published_on": "2026-13-01"}, "not a real date"),
])
def test_media_items_refuse_bad_values(db: Database, fields: dict[str, object],
                                       message: str) -> None:
    app = AppServices(db)
    kind, title = fields.pop("kind"), fields.pop("title")
    with pytest.raises(ValidationError, match=message):
        app.media.add(str(kind), str(title), **fields)  # type: ignore[arg-type]
    assert app.media.all() == []


def test_media_reach_reads_thousands_separators(db: Database) -> None:
    app = AppServices(db)
    app.media.add("coverage", "March on the offices", outlet="GroundUp",
                  published_on="2026-03-01", reach="12,500", url="https://example.org/a")
    assert [(m.kind_label, m.reach) for m in app.media.all()] == [("Coverage", 12500)]
    assert app.metrics.snapshot(Range()).values["media_reach"] == 12500
