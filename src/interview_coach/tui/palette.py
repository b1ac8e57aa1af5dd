"""The command palette provider: the app's own actions on the current screen, by name.

Only bindings of the screen and of the app are offered (practise, submit, hint, light/dark, ...);
the keys of the focused widget (cursor moves, scrolling, editing) are left to the widget.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen


def app_actions(screen: Screen[Any]) -> Iterator[tuple[Binding, Any]]:
    """(binding, node) of each enabled, described binding of ``screen`` or the app, once each."""
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if not isinstance(active.node, Screen | App):
            continue  # a widget's own keys: cursor, scroll, editing
        if not binding.description or binding.action in seen or not active.enabled:
            continue
        seen.add(binding.action)
        yield binding, active.node


class CoachCommands(Provider):
    """Offers each action the current screen (and the app) binds to a key."""

    def _commands(self) -> Iterator[tuple[str, Callable[[], Any], str]]:
        for binding, node in app_actions(self.screen):
            help_text = binding.tooltip or f"key: {self.app.get_key_display(binding)}"
            yield binding.description, partial(self.app.run_action, binding.action, node), help_text

    async def discover(self) -> Hits:
        """Every command, before anything is typed."""
        for name, command, help_text in self._commands():
            yield DiscoveryHit(name, command, help=help_text)

    async def search(self, query: str) -> Hits:
        """Commands whose name matches ``query`` fuzzily."""
        matcher = self.matcher(query)
        for name, command, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), command, help=help_text)
