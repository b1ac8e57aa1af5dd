"""Tools for trainers: importing banks, linting, exporting banks, grading many answers."""
