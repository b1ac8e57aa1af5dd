"""Write docs/keys.md: every key of the terminal app, screen by screen, from the bindings.

Run: ``python scripts/tui_keys.py [OUT.md]``. The README links to it; regenerate after changing
a binding. Each key shows its binding id, which ``keymap.yaml`` in the data directory can remap.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def markdown() -> str:
    """The key tables."""
    from interview_coach.tui.screens.help import EDITOR_KEYS, screens_and_bindings

    out = ["# Keys of interview-coach", "",
           "Every action is also in the command palette (ctrl+p). Remap a key by its id in",
           "`keymap.yaml` in the data directory, e.g. `practice.submit: ctrl+j`.", ""]
    for name, bindings in screens_and_bindings():
        out += [f"## {name}", "", "| key | action | id |", "| --- | --- | --- |"]
        for b in bindings:
            keys = " / ".join(f"`{k.strip()}`" for k in b.key.split(","))
            out.append(f"| {keys} | {b.description} | `{b.id}` |")
        out.append("")
    out += ["## In the answer editor", "", "| key | action |", "| --- | --- |"]
    out += [f"| `{k}` | {d} |" for k, d in EDITOR_KEYS]
    return "\n".join(out) + "\n"


def main() -> None:
    """Write the file."""
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "keys.md"
    target.write_text(markdown(), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
