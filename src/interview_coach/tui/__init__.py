"""The terminal app (Textual). Only this package and commands/tui_commands.py import Textual."""
