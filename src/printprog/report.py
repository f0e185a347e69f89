"""What a run has to tell the user besides its output: warnings, and texts fitted by force."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Report:
    warnings: list[str] = field(default_factory=list)
    #: Texts drawn smaller than their style's size to fit (preflight reads these).
    shrunk: list[str] = field(default_factory=list)
    #: Texts cut with an ellipsis because even the minimum size did not fit.
    cut: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def note_shrunk(self, what: str) -> None:
        self.shrunk.append(what)

    def note_cut(self, what: str) -> None:
        self.cut.append(what)
        self.warn(f"cut short to fit: {what}")
