"""The command line: :mod:`.main` parses arguments; each command lives in :mod:`.commands`."""
