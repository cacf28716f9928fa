"""File formats other tools speak: CSV/TSV, vCard, XLSX, iCalendar.

This package is pure: bytes in, plain dataclasses and dicts out (and back). It knows
nothing about the database, Qt or sync, so every quirk of a real export can be tested
on the file alone. Only ``saypro_desktop.domain`` may be imported from here.
"""
