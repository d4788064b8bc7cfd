"""`portfolio schema`: JSON Schemas of the four file kinds, with this class's ids as the choices.

An editor (VS Code's YAML extension) completes keys and flags a mistake while a student types:
an unknown target id, `share: friends`, a level the scale does not have. The shapes and the
descriptions come from the pydantic models in model.py; what only this class knows (its target
ids, passage sections, units, conference agenda, levels) is filled in from its settings.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..errors import UsageError
from ..model import ClassSettings, FileRef, GoalSpec, MediaSpec, PieceMeta, StudentMeta, Target, TargetSpec
from .classinfo import in_language, read_class

Schema = dict[str, Any]
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def write_schemas(root: Path, out: Path) -> list[Path]:
    """Write the four schemas into `out`, which must be outside the class folder (nothing is written there)."""
    if out.resolve() == root.resolve() or out.resolve().is_relative_to(root.resolve()):
        raise UsageError(
            f"{out}: error: the schemas must go outside the class folder {root} "
            "(it would be read as a student): choose another folder with -o"
        )
    settings, targets = read_class(root)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in class_schemas(settings, targets).items():
        path = out / f"{name}.schema.json"
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written


def class_schemas(settings: ClassSettings, targets: dict[str, Target]) -> dict[str, Schema]:
    """portfolio.yml, targets.yml, student.md's front matter and a piece's, for this class."""
    return {
        "portfolio": _top(ClassSettings.model_json_schema(), "portfolio.yml: the class settings"),
        "targets": _targets_file(),
        "student": _student(settings, targets),
        "piece": _piece(settings, targets),
    }


def _top(schema: Schema, title: str) -> Schema:
    return {"$schema": DIALECT, **schema, "title": title}


def _targets_file() -> Schema:
    item = TargetSpec.model_json_schema()
    defs = item.pop("$defs", {})
    schema = {"type": "array", "description": "The learning targets, each an \"I can…\" statement.", "items": item}
    return _top({**schema, **({"$defs": defs} if defs else {})}, "targets.yml: the learning targets")


def _student(settings: ClassSettings, targets: dict[str, Target]) -> Schema:
    schema = StudentMeta.model_json_schema()
    props = schema["properties"]
    goal = _part(schema, GoalSpec)
    goal["properties"]["target"] = _described(_one_of(_statements(targets)), goal["properties"]["target"])
    props["goals"]["items"] = goal
    props["photo"] = _described({"anyOf": [{"type": "string"}, _part(schema, FileRef)]}, props["photo"])
    schema["additionalProperties"] = False  # an unknown key is always a slip (the build warns about it)
    return _top(schema, "student.md: about the student (the lines between the two ---)")


def _piece(settings: ClassSettings, targets: dict[str, Target]) -> Schema:
    schema = PieceMeta.model_json_schema()
    props = schema["properties"]
    sections = {s.id: in_language(s.title, settings.language) for s in settings.passage.sections}
    items = settings.conference.agenda if settings.conference else []
    agenda = {item.id: in_language(item.title, settings.language) for item in items}
    props["targets"] = _described(_assessments(targets, _levels(settings)), props["targets"])
    props["passage"] = _described(_one_or_many(sections), props["passage"])
    units = {u.id: in_language(u.title, settings.language) for u in settings.units}
    if units:  # without units or an agenda in portfolio.yml, any id is accepted, as the build does
        props["unit"] = _described(_one_of(units), props["unit"])
    if agenda:
        props["conference"] = _described(_one_or_many(agenda), props["conference"])
    props["media"]["items"] = {"anyOf": [{"type": "string"}, _media(schema)]}
    schema["additionalProperties"] = False
    return _top(schema, "A piece (the lines between the two ---)")


def _part(schema: Schema, model: type[BaseModel]) -> Schema:
    """A model's schema to put inside `schema`, its own definitions moved to `schema`'s `$defs`."""
    part = model.model_json_schema()
    schema.setdefault("$defs", {}).update(part.pop("$defs", {}))
    return part


def _media(schema: Schema) -> Schema:
    """A media item names a file or a web address: exactly one of them (MediaSpec's own rule)."""
    media = _part(schema, MediaSpec)
    return {**media, "oneOf": [{"required": ["file"]}, {"required": ["url"]}]}


def _statements(targets: dict[str, Target]) -> dict[str, str]:
    return {target.id: in_language(target.statement, "en") for target in targets.values()}


def _one_of(choices: dict[str, str], described: dict[str, str] | None = None) -> Schema:
    """One id from this class's list; with no list, nothing fits (the build says the class has none)."""
    if not choices:
        return {"not": {}}
    listing = "; ".join(f"{key}: {text}" for key, text in (described or choices).items())
    return {"type": "string", "enum": list(choices), "description": f"One of: {listing}"}


def _one_or_many(choices: dict[str, str]) -> Schema:
    one = _one_of(choices)
    return {"anyOf": [one, {"type": "array", "items": one}, {"type": "null"}]}


def _described(schema: Schema, original: Schema) -> Schema:
    """Keep the model's words for the key (what the student reads when hovering over it)."""
    return {**schema, "description": original.get("description", schema.get("description", ""))}


def _levels(settings: ClassSettings) -> Schema:
    words = ", ".join(f"{step.level} {step.label}" for step in settings.scale)
    return {"enum": [step.level for step in settings.scale], "description": f"A level: {words}"}


def _assessments(targets: dict[str, Target], level: Schema) -> Schema:
    """`targets:` in its three shapes: a list of ids; id → level; id → {level, self}."""
    pair = {
        "type": "object",
        "properties": {
            "level": {**level, "description": "The level your teacher gave."},
            "self": {**level, "description": "The level you give yourself."},
        },
        "additionalProperties": False,
    }
    value = {"anyOf": [level, pair, {"type": "null"}]}
    by_id = {
        "properties": {target.id: {**value, "description": target.statement} for target in targets.values()},
        "additionalProperties": False,
    }
    one_with_level = {"type": "object", **by_id, "minProperties": 1, "maxProperties": 1}
    ids = _one_of(_statements(targets))
    # One schema for all three shapes, not `anyOf` of three: `items` applies to a list and
    # `properties` to `id: level` lines, so an editor names the wrong id rather than "wrong type".
    return {"type": ["array", "object", "null"], "items": {"anyOf": [ids, one_with_level]}, **by_id}
