"""Standards-based grading: a target's current level from its levels in date order.

The grade is a measure of mastery at the end, not an average of everything
(docs/format.md, "Mastery"), so schools choose the rule in `portfolio.yml` (`mastery:`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

#: Weight of the newest evidence in the decaying average: d = w*latest + (1-w)*d_before.
DECAY_WEIGHT = 0.65


def recent(levels: Sequence[int]) -> float:
    """The latest evidence wins: where the student is now."""
    return float(levels[-1])


def highest(levels: Sequence[int]) -> float:
    """The best the student has shown."""
    return float(max(levels))


def mean(levels: Sequence[int]) -> float:
    """Every piece of evidence counts the same."""
    return sum(levels) / len(levels)


def decaying(levels: Sequence[int], weight: float = DECAY_WEIGHT) -> float:
    """Recent work counts most; older evidence fades but still counts."""
    current = float(levels[0])
    for level in levels[1:]:
        current = weight * level + (1 - weight) * current
    return current


RULES: dict[str, Callable[[Sequence[int]], float]] = {
    "recent": recent,
    "highest": highest,
    "mean": mean,
    "decaying": decaying,
}


def current_level(rule: str, levels: Sequence[int]) -> float | None:
    """Apply the class's rule to levels in date order; None when nothing is assessed."""
    return RULES[rule](levels) if levels else None


def nearest_level(value: float) -> int:
    """Round half up to a level of the scale (2.5 → 3), the way report cards do."""
    return int(value + 0.5)
