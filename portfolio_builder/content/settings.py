"""portfolio.yml and targets.yml: the class's settings; a problem here stops the build (exit 2)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import ContentError, UsageError, did_you_mean
from ..model import (
    ClassSettings,
    Target,
    TargetSpec,
    Text,
)
from .files import LineIndex, read_yaml_file
from .words import ModelT, explain, line_of


def read_settings(root: Path) -> ClassSettings:
    path = root / "portfolio.yml"
    if not path.is_file():
        raise UsageError(f"{path}: error: the class folder needs a portfolio.yml file")
    data, lines = read_required_yaml(path)
    if not isinstance(data, dict):
        raise UsageError(f"{path}:1: error: portfolio.yml must be `key: value` lines")
    settings = validate_or_stop(ClassSettings, data, path, lines)
    levels = [step.level for step in settings.scale]
    if settings.meets not in levels:
        line = lines.get(("meets",), 1)
        raise UsageError(f"{path}:{line}: error: `meets: {settings.meets}` is not a level of the scale")
    _check_rubric(settings, path, lines, set(levels))
    return settings


def _check_rubric(settings: ClassSettings, path: Path, lines: LineIndex, levels: set[int]) -> None:
    """A rubric level the scale lacks would have no column on the panel's score sheet: stop, with its line."""
    for index, row in enumerate(settings.passage.rubric):
        for level in row.levels:
            if level not in levels:
                key = ("passage", "rubric", index, "levels")
                line = lines.get((*key, level), lines.get((*key, str(level)), lines.get(key, 1)))
                raise UsageError(f"{path}:{line}: error: the rubric's level {level} is not a level of the scale")


def read_targets(root: Path, settings: ClassSettings) -> dict[str, Target]:
    path = root / "targets.yml"
    lines: LineIndex = {}
    key: tuple[str | int, ...] = ()
    if settings.targets is not None and not path.exists():
        # Inline targets: their lines were not kept, so problems point at portfolio.yml itself.
        specs, key, path = settings.targets, ("targets",), root / "portfolio.yml"
    else:
        if not path.is_file():
            raise UsageError(f"{path}: error: the class folder needs a targets.yml file")
        data, lines = read_required_yaml(path)
        if not isinstance(data, list):
            raise UsageError(f"{path}:1: error: targets.yml must be a list of targets, each `- id: ...`")
        specs = [validate_or_stop(TargetSpec, item, path, lines, (i,)) for i, item in enumerate(data)]
    return check_targets(specs, path, lines, key)


def check_targets(
    specs: list[TargetSpec], path: Path, lines: LineIndex, key: tuple[str | int, ...]
) -> dict[str, Target]:
    targets: dict[str, Target] = {}
    for index, spec in enumerate(specs):
        line = lines.get((*key, index), 1)
        if spec.id in targets:
            raise UsageError(f"{path}:{line}: error: two targets have the id `{spec.id}`")
        targets[spec.id] = Target(
            spec.id, _stripped(spec.statement), spec.subject, spec.standard, spec.kind, spec.parent
        )
    for index, spec in enumerate(specs):
        if spec.parent and spec.parent not in targets:
            line = lines.get((*key, index, "parent"), 1)
            hint = did_you_mean(spec.parent, targets)
            raise UsageError(f"{path}:{line}: error: there is no target `{spec.parent}`{hint}")
    return targets


def _stripped(text: Text) -> Text:
    """A statement without the blank lines a folded YAML block leaves, in every language."""
    if isinstance(text, str):
        return text.strip()
    return {language: value.strip() for language, value in text.items()}


def read_required_yaml(path: Path) -> tuple[Any, LineIndex]:
    try:
        return read_yaml_file(path)
    except ContentError as exc:
        raise UsageError(exc.problem.format(), [exc.problem]) from exc


def validate_or_stop(
    model: type[ModelT], data: Any, path: Path, lines: LineIndex, key: tuple[str | int, ...] = ()
) -> ModelT:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = (*key, *first["loc"])
        line = line_of(lines, loc)
        raise UsageError(f"{path}:{line}: error: {explain(first, model)}") from exc
