"""Configuration: ``[tool.guidelint]`` in pyproject.toml or ``.guidelint.yaml``, found by walking
up from the study (first found wins; ``--config FILE`` overrides), then command-line flags.

Keys (all optional)::

    checklists = ["tripod-ai", "repro-core"]     # ids, id@version or paths
    fail-on = "error"                            # error | warning | info | never
    ignore = ["HYP401", "tripod-ai.19"]          # rule codes, names, item refs, globs
    severity = { "DEP202" = "error", "tripod-ai.2*" = "info" }
    exclude = ["legacy/**", "*.ipynb"]           # repository paths not scanned
    study-type = "development"                   # when the metadata does not say
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from linter.errors import InputError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_CHECKLISTS = ["tripod-ai", "repro-core"]
FAIL_ON = ("error", "warning", "info", "never")
_KEYS = {"checklists", "fail-on", "ignore", "severity", "exclude", "study-type"}


@dataclass
class Config:
    checklists: list[str] = field(default_factory=lambda: list(DEFAULT_CHECKLISTS))
    fail_on: str = "error"
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    study_type: str | None = None
    source: str | None = None  # the file it came from
    base_dir: Path | None = None


def find_config_file(start: Path) -> Path | None:
    start = start.resolve()
    folder = start if start.is_dir() else start.parent
    for d in (folder, *folder.parents):
        yml = d / ".guidelint.yaml"
        if yml.is_file():
            return yml
        pyproject = d / "pyproject.toml"
        if pyproject.is_file() and _pyproject_section(pyproject) is not None:
            return pyproject
        if (d / ".git").exists():
            break
    return None


def _pyproject_section(path: Path) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(str(path), f"cannot read configuration: {exc}") from None
    section = data.get("tool", {}).get("guidelint")
    return section if isinstance(section, dict) else None


def load_config(start: Path | None = None, explicit: str | None = None) -> Config:
    path = Path(explicit) if explicit else (find_config_file(start) if start else None)
    if path is None:
        return Config()
    if not path.is_file():
        raise InputError(str(path), "no such configuration file")
    if path.name == "pyproject.toml":
        raw = _pyproject_section(path) or {}
    else:
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise InputError(str(path), f"cannot read configuration: {exc}") from None
        if not isinstance(raw, dict):
            raise InputError(str(path), "configuration must be a mapping")
    return _from_dict(raw, str(path), path.parent)


def _from_dict(raw: dict[str, Any], where: str, base: Path) -> Config:
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise InputError(where, f"unknown configuration key {unknown[0]!r} (known: {', '.join(sorted(_KEYS))})")
    cfg = Config(source=where, base_dir=base)
    if "checklists" in raw:
        cfg.checklists = _str_list(raw["checklists"], "checklists", where)
    if "fail-on" in raw:
        value = str(raw["fail-on"]).lower()
        if value not in FAIL_ON:
            raise InputError(where, f"fail-on: expected one of {', '.join(FAIL_ON)}, got {raw['fail-on']!r}")
        cfg.fail_on = value
    if "ignore" in raw:
        cfg.ignore = _str_list(raw["ignore"], "ignore", where)
    if "exclude" in raw:
        cfg.exclude = _str_list(raw["exclude"], "exclude", where)
    if "severity" in raw:
        sev = raw["severity"]
        if not isinstance(sev, dict) or not all(isinstance(v, str) for v in sev.values()):
            raise InputError(where, "severity: expected a mapping of rule/item to error, warning or info")
        for k, v in sev.items():
            if v.lower() not in ("error", "warning", "info"):
                raise InputError(where, f"severity.{k}: expected error, warning or info, got {v!r}")
        cfg.severity = {str(k): v.lower() for k, v in sev.items()}
    if "study-type" in raw:
        cfg.study_type = str(raw["study-type"])
    return cfg


def _str_list(value: Any, key: str, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(where, f"{key}: expected a list of strings")
    return list(value)
