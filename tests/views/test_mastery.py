"""The four mastery rules (docs/format.md), on worked examples a teacher can check by hand."""

from __future__ import annotations

import pytest

from portfolio_builder import mastery

LEVELS = [1, 3, 2, 4, 3]  # in date order


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("recent", 3.0),  # the latest piece
        ("highest", 4.0),  # the best shown
        ("mean", 2.6),  # (1+3+2+4+3)/5
        # decaying, w = 0.65: 1 → 2.3 → 2.105 → 3.33675 → 3.1178625
        ("decaying", 3.1178625),
    ],
)
def test_rules(rule: str, expected: float) -> None:
    assert mastery.current_level(rule, LEVELS) == pytest.approx(expected)


def test_no_evidence_is_not_assessed() -> None:
    assert mastery.current_level("recent", []) is None


def test_decaying_weights_recent_work_most() -> None:
    assert mastery.decaying([4, 1]) == pytest.approx(0.65 * 1 + 0.35 * 4)
    assert mastery.decaying([1, 4]) > mastery.mean([1, 4])


@pytest.mark.parametrize(("value", "level"), [(2.49, 2), (2.5, 3), (3.1178625, 3), (4.0, 4)])
def test_nearest_level_rounds_half_up(value: float, level: int) -> None:
    assert mastery.nearest_level(value) == level
