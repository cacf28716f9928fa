"""Plain-Python domain: enums, value rules and errors. No Qt, no SQLAlchemy."""
