"""Qt only here: main window, pages, table models, dialogs, background tasks."""
