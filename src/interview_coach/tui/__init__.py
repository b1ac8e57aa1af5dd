"""The terminal app (Textual). Only this package and cli/commands/tui.py import Textual."""
