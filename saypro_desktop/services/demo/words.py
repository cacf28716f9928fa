"""The demo's word lists, read from ``resources/demo/*.json``.

Invented people only: common South African first names and surnames, combined at random,
so no row is a real person. Places are real towns, townships and metros with their
province, postal code and landline area code. Personal emails use reserved ``example``
domains, so demo data can never mail a real person.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any, NamedTuple

from saypro_desktop.resources import resource
from saypro_desktop.services.demo.base import Weighted


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed ``resources/demo/<name>.json``."""
    data: dict[str, Any] = json.loads(resource("demo", f"{name}.json").read_text("utf-8"))
    return data


def strings(name: str, key: str) -> tuple[str, ...]:
    return tuple(load(name)[key])


class NameGroup(NamedTuple):
    language: str
    first_names: tuple[str, ...]
    surnames: tuple[str, ...]


class Place(NamedTuple):
    name: str
    province: str
    postal_code: str
    area_code: str  # landline prefix after +27
    groups: tuple[tuple[str, int], ...]  # (name group, weight) of who lives there
    weight: int  # how many of the demo people live here, relatively


NAME_GROUPS: dict[str, NameGroup] = {
    key: NameGroup(group["language"], tuple(group["first_names"]), tuple(group["surnames"]))
    for key, group in load("names")["groups"].items()
}
# Short forms people go by; used as preferred_name now and then.
NICKNAMES: dict[str, str] = dict(load("names")["nicknames"])

PLACES: tuple[Place, ...] = tuple(
    Place(p["name"], p["province"], p["postal_code"], p["area_code"],
          tuple((group, weight) for group, weight in p["groups"]), p["weight"])
    for p in load("places")["places"]
)
STREETS = strings("places", "streets")
UNIVERSITIES = strings("places", "universities")
EMAIL_DOMAINS = strings("places", "email_domains")

PLACE_PICK = Weighted([(p, p.weight) for p in PLACES])
GROUP_PICK = {p.name: Weighted(list(p.groups)) for p in PLACES}
