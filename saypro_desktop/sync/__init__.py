"""Sync by file: clocks, change capture, bundles, merge. No Qt."""
