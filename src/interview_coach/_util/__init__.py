"""Shared helpers with no domain knowledge: atomic writes, paths, errors, safe text, JSON text."""
