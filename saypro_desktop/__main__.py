"""``python -m saypro_desktop`` and the packaged app's entry point."""

from saypro_desktop.app import main

raise SystemExit(main())
