"""The rep's own keys: the [keys] table checked against the screens' bindings, then applied.

The names are the bindings' ids (BoardScreen and SessionScreen BINDINGS, the one list):
"board.log_contact" without its screen's prefix, so `log_contact` changes the key on every
screen that has it and `board.log_contact` on the board alone. Textual's keymap does the
rest (App.set_keymap); the key bar, the legend and the help read the keys back from it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from textual.app import App
from textual.binding import Binding, BindingType
from textual.keys import KEY_ALIASES, REPLACED_KEYS, Keys, _character_to_key, key_to_character

from leadboard.config import Config, ConfigError

SCREEN_WORDS = {"board": "on the board", "session": "in the session"}
"""The screens whose keys a rep may change, by the prefix of their bindings' ids."""

_ALIAS_OF = {alias: key for key, aliases in KEY_ALIASES.items() for alias in aliases}
"""ctrl+i is tab and ctrl+m is enter to the terminal: one key, compared by its main name."""

_KEY_NAMES = frozenset(key.value for key in Keys if not key.value.startswith("<")) - {"ctrl-at"}


def screen_class(screen: str) -> type[Any]:
    """The screen of a prefix; the session's module is imported only when asked for."""
    if screen == "board":
        from leadboard.ui.screens.board import BoardScreen

        return BoardScreen
    # Only with a [keys] table: a board started without one never loads the session early.
    from leadboard.ui.screens.session import SessionScreen

    return SessionScreen


def screen_bindings(screen: str) -> list[Binding]:
    """A screen's own bindings, as its BINDINGS list them ("left,h" stays one)."""
    return [b for b in screen_class(screen).BINDINGS if isinstance(b, Binding)]


def reserved_keys(screen: str, app: type[App[Any]]) -> dict[str, str]:
    """Keys the screen inherits or the app binds (tab, ctrl+p, ctrl+q): key -> what it does."""
    found = {app.COMMAND_PALETTE_BINDING: "command palette"}
    for cls in (screen_class(screen), app):
        for base in cls.__mro__:
            listed: Iterable[BindingType] = base.__dict__.get("BINDINGS", [])
            for binding in Binding.make_bindings(listed):
                if binding.id is None:
                    words = (binding.description or binding.action).lower()
                    found.setdefault(_main_key(binding.key), words)
    return found


def normal_key(typed: str) -> str | None:
    """Textual's name for a typed key ('?' is question_mark), None when it is no key."""
    key = typed.strip()
    if len(key) == 1:
        return _character_to_key(key) if key.isprintable() else None
    key = key.lower()  # names are lower case in Textual: "F5" and "Ctrl+L" mean f5, ctrl+l
    if key in _KEY_NAMES:
        return _main_key(key)
    character = key_to_character(REPLACED_KEYS.get(key, key))
    if character is not None and len(character) == 1 and character.isprintable():
        return key  # a character's name: full_stop, number_sign, space
    return None


def _main_key(key: str) -> str:
    return _ALIAS_OF.get(key, key)


def keymap_for(config: Config, app: type[App[Any]]) -> dict[str, str]:
    """The [keys] table as a keymap (binding id -> "key,key"); ConfigError names the line.

    Refused: a name no screen has, a key Textual has no name for, and a key two actions of
    one screen would share (one the rep kept as it was counts too).
    """
    if not config.keys:
        return {}
    bindings = {screen: screen_bindings(screen) for screen in SCREEN_WORDS}
    ids = {b.id: screen for screen, listed in bindings.items() for b in listed if b.id}
    short = {name.partition(".")[2] for name in ids}
    keymap: dict[str, str] = {}
    origin: dict[str, str] = {}  # binding id -> the [keys] name that set it
    # A name with its screen in front wins over the same name without: the narrower says more.
    for name in sorted(config.keys, key=lambda name: name in ids):
        place = config.key_places.get(name, "config")
        if name in ids:
            targets = [name]
        elif name in short:
            targets = [f"{screen}.{name}" for screen in SCREEN_WORDS if f"{screen}.{name}" in ids]
        else:
            known = ", ".join(sorted(short))
            raise ConfigError(f"{place}: unknown action {name!r} in [keys]; known: {known}")
        keys: list[str] = []
        for typed in config.keys[name].split(","):
            key = normal_key(typed)
            if key is None:
                raise ConfigError(
                    f"{place}: {typed.strip()!r} for {name} in [keys] is not a key; give a "
                    'character such as "l" or a key name such as "ctrl+l", "f5", "space"'
                )
            if key not in keys:
                keys.append(key)
        for target in targets:
            keymap[target] = ",".join(keys)
            origin[target] = name
    for screen, listed in bindings.items():
        _refuse_clashes(screen, listed, keymap, origin, config, reserved_keys(screen, app))
    return keymap


def _refuse_clashes(
    screen: str,
    listed: list[Binding],
    keymap: Mapping[str, str],
    origin: Mapping[str, str],
    config: Config,
    reserved: Mapping[str, str],
) -> None:
    """ConfigError when a rebound action shares a key with another action of the screen."""
    owners: dict[str, list[str]] = {}
    for binding in listed:
        if binding.id is None:
            continue
        for key in keymap.get(binding.id, binding.key).split(","):
            owners.setdefault(_main_key(key), []).append(binding.id)
    # The rebinding typed last names the clash: reading down the file, it made it.
    rebound = sorted(
        (name for name in origin if name.startswith(f"{screen}.")),
        key=lambda name: _line_number(config.key_places.get(origin[name], "")),
        reverse=True,
    )
    for binding_id in rebound:
        for key in keymap[binding_id].split(","):
            others = [other for other in owners.get(key, []) if other != binding_id]
            name, where = origin[binding_id], SCREEN_WORDS[screen]
            place = config.key_places.get(name, "config")
            if others:
                raise ConfigError(
                    f"{place}: {name} and {others[0].partition('.')[2]} would both be "
                    f"{key_text(key)!r} {where}; give one of them another key in [keys]"
                )
            if key in reserved:
                raise ConfigError(
                    f"{place}: {key_text(key)!r} is Textual's {reserved[key]} {where}; "
                    f"give {name} another key in [keys]"
                )


def _line_number(place: str) -> int:
    """12 for '.../config.toml line 12' (0 when no line was found)."""
    head, _, number = place.rpartition(" line ")
    return int(number) if head and number.isdigit() else 0


def apply_keys(app: App[Any], config: Config) -> None:
    """Check the rep's [keys] and hand them to Textual; ConfigError refuses the start."""
    keymap = keymap_for(config, type(app))
    if keymap:
        app.set_keymap(keymap)


# -- reading the keys back -------------------------------------------------------------


def own_keymap(app: App[Any] | None) -> Mapping[str, str]:
    """The keys the rep changed (binding id -> "key,key"); empty when they changed none."""
    # Textual keeps the keymap without a public getter; set_keymap (apply_keys) filled it.
    keymap: Mapping[str, str] = getattr(app, "_keymap", {})
    return keymap


def bound_keys(app: App[Any] | None, binding: Binding) -> str:
    """The binding's keys as the rep has them ('left,h'): the keymap's, else its own."""
    return own_keymap(app).get(binding.id, binding.key) if binding.id else binding.key


def shown_key(app: App[Any] | None, binding: Binding) -> str:
    """The one key a bar or a legend shows: its display, else its first key, as typed."""
    keys = bound_keys(app, binding)
    if keys == binding.key and binding.key_display:
        return binding.key_display
    return key_text(keys.split(",")[0])


def key_text(key: str) -> str:
    """A key as the rep types it: question_mark as '?', ctrl+full_stop as 'ctrl+.'."""
    *modifiers, base = key.split("+")
    character = key_to_character(REPLACED_KEYS.get(base, base)) if base else None
    if character is not None and character.isprintable() and not character.isspace():
        base = character
    return "+".join([*modifiers, base])


def key_lookup(
    app: App[Any] | None, bindings: Iterable[BindingType], screen: str
) -> Callable[[str], str]:
    """A name to the key shown for the screen's binding `<screen>.<name>` ('skip' -> 'n').

    Without an app: the keys as BINDINGS has them.
    """
    by_id = {b.id: b for b in bindings if isinstance(b, Binding) and b.id}

    def lookup(name: str) -> str:
        return shown_key(app, by_id[f"{screen}.{name}"])

    return lookup
