"""Storage: SQLAlchemy models, engine and pragmas, migrations, search index, backups."""
