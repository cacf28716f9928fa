"""One module per figure; importing this package registers them all, in table order.

To add a figure when its feature lands: write ``benchmarks/figures/<name>.py`` with a
function decorated with ``@figure(...)`` (see harness.py), import it below, and add a
line to benchmarks/README.md saying what it means to a user.
"""

from benchmarks.figures import (
    csv_import,
    dashboard,
    demo,
    edit,
    join_office,
    open_check,
    organisations,
    pdf,
    people_table,
    readers,
    search,
    signin,
    signin_sheet,
    small_bundle,
    startup,
    sync,
    today,
)

# The order rows appear in the table (imports above are alphabetical).
ORDER = ["startup", "open_check", "search", "people_table", "edit", "signin", "import",
         "readers", "pdf", "signin_sheet",
         "sync", "join_office", "small_bundle", "demo", "dashboard", "organisations", "today"]

__all__ = [
    "ORDER",
    "csv_import",
    "dashboard",
    "demo",
    "edit",
    "join_office",
    "open_check",
    "organisations",
    "pdf",
    "people_table",
    "readers",
    "search",
    "signin",
    "signin_sheet",
    "small_bundle",
    "startup",
    "sync",
    "today",
]
