"""Project configuration: ``[tool.factcheck]`` in ``pyproject.toml``, or ``factcheck.toml``.

The file is found by walking up from the working directory (in one folder,
``factcheck.toml`` wins over ``pyproject.toml``); ``--config FILE`` names it
and ``--isolated`` ignores it. Keys are validated against
``config.schema.json``. Paths in it are relative to the file. Precedence:
a command-line flag beats the file, the file beats the defaults.
``--select`` starts a new selection (the file's select and ignore lists
are set aside, per-file ignores stay); without it, ``--extend-select`` and
``--ignore`` add to what the file says. Selection is by longest prefix.
"""
from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping


from .errors import FactcheckError
from .read import DEFAULT_INCLUDE, DEFAULT_MAX_BYTES, ReadOptions, glob_match


class ConfigError(FactcheckError, ValueError):
    """The configuration file is missing, unreadable or invalid."""


@dataclass(frozen=True)
class Config:
    values: Mapping[str, Any] = field(default_factory=dict)
    path: Path | None = None

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def paths(self, key: str) -> tuple[str, ...]:
        """A list of paths from the file, made relative to the file's folder."""
        return tuple(str(self.root / p) for p in self.values.get(key, ()))


@lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema  # imported only when a configuration file is read: start-up time
    from importlib import resources

    schema = json.loads((resources.files("factcheck") / "config.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _table(path: Path) -> Mapping[str, Any] | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("factcheck")
    return data.get("tool", {}).get("factcheck", data) if "tool" in data else data


def find_config(start: Path) -> Path | None:
    """The nearest factcheck.toml, or pyproject.toml with [tool.factcheck], from ``start`` up."""
    for folder in (start, *start.parents):
        for name in ("factcheck.toml", "pyproject.toml"):
            candidate = folder / name
            if candidate.is_file() and _table(candidate) is not None:
                return candidate
    return None


def load_config(path: str | Path | None = None, *, isolated: bool = False, cwd: Path | None = None) -> Config:
    """The configuration in force: the named file, the nearest one, or none."""
    if isolated:
        return Config()
    if path is not None:
        p = Path(path)
        if not p.is_file():
            raise ConfigError(f"{p}: configuration file not found")
        found: Path | None = p
    else:
        found = find_config((cwd or Path.cwd()).resolve())
    if found is None:
        return Config()
    values = _table(found)
    if values is None:
        raise ConfigError(f"{found}: no [tool.factcheck] table")
    errors = sorted(_validator().iter_errors(values), key=lambda e: e.json_path)
    if errors:
        raise ConfigError("\n".join(f"{found}: {e.json_path}: {e.message}" for e in errors))
    return Config(values, found.resolve())


@dataclass(frozen=True)
class Settings:
    """Everything a run needs, after flags, file and defaults are merged."""

    read: ReadOptions
    select: tuple[str, ...] | None
    ignore: tuple[str, ...]
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...]
    severities: Mapping[str, str]
    fail_on: str
    rule_dirs: tuple[str, ...]
    references: tuple[str, ...]
    format: str
    jobs: int
    timeout: float | None
    config_root: str
    scheduler: str | None = None
    locale: str | None = None
    message_lang: str = "en"

    def ignores_for(self, path: str | None) -> tuple[str, ...]:
        """Code prefixes the per-file-ignores add for ``path``."""
        if not path or not self.per_file_ignores:
            return ()
        rel = _relative(path, self.config_root)
        return tuple(c for glob, codes in self.per_file_ignores if glob_match(rel, (glob,)) for c in codes)


def _relative(path: str, root: str) -> str:
    absolute = os.path.abspath(path)
    try:
        return Path(absolute).relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()


def resolve(cli: Mapping[str, Any], config: Config) -> Settings:
    """Merge command-line values (None or empty when not given) over the file's."""
    def pick(key: str, default: Any) -> Any:
        value = cli.get(key.replace("-", "_"))
        return value if value not in (None, [], ()) else config.get(key, default)

    if cli.get("select"):  # a new selection on the command line starts afresh, as in ruff
        select = list(cli["select"]) + list(cli.get("extend_select") or [])
        ignore = tuple(cli.get("ignore") or [])
    else:
        select = config.get("select")
        extend = list(config.get("extend-select", [])) + list(cli.get("extend_select") or [])
        if extend and select:  # with no select, every check is on already
            select = list(select) + extend
        ignore = tuple(config.get("ignore", [])) + tuple(config.get("extend-ignore", [])) + tuple(cli.get("ignore") or [])
    per_file = tuple((g, tuple(c)) for g, c in config.get("per-file-ignores", {}).items())
    rule_dirs = config.paths("rules") + tuple(cli.get("rules") or ())
    references = config.paths("reference") + tuple(cli.get("reference") or ())
    include = tuple(cli.get("include") or config.get("include", DEFAULT_INCLUDE))
    exclude = tuple(config.get("exclude", [])) + tuple(cli.get("exclude") or ())
    read = ReadOptions(
        lang=pick("lang", "ar"), id_field=pick("id-field", "id"), text_field=pick("text-field", "text"),
        suppress_field=pick("suppress-field", "suppress"), include=include, exclude=exclude,
        max_bytes=pick("max-document-bytes", DEFAULT_MAX_BYTES), stdin_name=cli.get("stdin_filename"))
    return Settings(
        read=read, select=tuple(select) if select else None, ignore=ignore, per_file_ignores=per_file,
        severities=dict(config.get("severity", {})), fail_on=pick("fail-on", "warning"),
        rule_dirs=rule_dirs, references=references, format=pick("format", "text"),
        jobs=pick("jobs", 1), timeout=pick("rule-timeout", None), config_root=str(config.root.resolve()),
        scheduler=pick("scheduler", None), locale=pick("locale", None),
        message_lang=pick("message-lang", "en"))
