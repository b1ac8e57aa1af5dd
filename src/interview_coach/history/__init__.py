"""The practice history: the SQLite store, its schedule (FSRS), progress, export, and memory."""
