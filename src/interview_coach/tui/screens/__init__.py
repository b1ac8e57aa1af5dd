"""The screens of the app; :mod:`interview_coach.tui.modes` picks one for a mode and a bank."""
