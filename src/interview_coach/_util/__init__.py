"""Shared helpers with no domain knowledge: atomic writes, paths, errors, safe text, JSON text,
the exit codes of both front ends, and the hand-over of an answer to the user's $EDITOR."""
