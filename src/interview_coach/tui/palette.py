"""The command palette provider: every key binding active on the current screen, by name."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider


class CoachCommands(Provider):
    """Offers each action the current screen (and the app) binds to a key."""

    def _commands(self) -> Iterator[tuple[str, Callable[[], Any], str]]:
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            help_text = binding.tooltip or f"key: {self.app.get_key_display(binding)}"
            yield binding.description, partial(self.app.run_action, binding.action, active.node), help_text

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
