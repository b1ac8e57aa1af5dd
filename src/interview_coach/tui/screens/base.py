"""What every screen shares: a typed handle on the app."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from interview_coach.tui.app import CoachApp


class CoachScreen(Screen[Any]):
    """A full screen of the app."""

    @property
    def coach(self) -> CoachApp:
        """The app, typed."""
        return cast("CoachApp", self.app)

    def ink(self, name: str) -> str:
        """A colour of the current theme by variable name ("text-success", "text-warning",
        "text-error"), for Rich text: named colours such as "green" are not checked for contrast."""
        return self.app.theme_variables.get(name, "")


class CoachModal(ModalScreen[Any]):
    """A dialog over another screen."""

    @property
    def coach(self) -> CoachApp:
        """The app, typed."""
        return cast("CoachApp", self.app)
