"""Keys in the order typed: each key finishes what it set off before the next one is looked at.

Textual hands every key of a burst (normal over SSH) to the widget focused when it arrives and
runs the screen's bindings only when the key bubbles back to the app. So in `c Tab note F2`
the note reached the board before `c` had opened the dialog, and `q` then `e` opened a form on
an app that was closing. Here the app holds each key until the one before has been handled by
every node it bubbles through, its bindings have run, and a screen it pushed has mounted and
taken focus. A screen may also hold keys back (`KeyHolder`) while a write it depends on waits.
"""

from __future__ import annotations

from collections import deque
from time import monotonic
from typing import Protocol, runtime_checkable

from rich.console import RenderableType
from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.message_pump import MessagePump
from textual.screen import Screen

SETTLE_LIMIT_SECONDS = 2.0
"""A key not settled by then (its widget went away mid-way) stops holding up the next one.

Generous: opening the log dialog takes 0.25 s at a million leads, and must not count as stuck.
"""


QUIET_ROUNDS = 50
"""At most this many waits for the app's queues to empty after a key (a node that keeps
posting to itself must not hold typing up)."""


@runtime_checkable
class KeyHolder(Protocol):
    """A screen that can ask for keys to wait, e.g. while a change it depends on is saved."""

    def holds_key(self, event: events.Key) -> bool:
        """True to keep this key (and every key after it) until the screen lets go."""
        ...


class OrderedKeysApp(App[None]):
    """An app that hands keys on one at a time, each after the previous one has settled."""

    def __init__(self) -> None:
        super().__init__()
        self._typed: deque[events.Key] = deque()
        self._settling = 0
        """The serial of the key being followed, 0 when none."""
        self._serial = 0
        self._settling_since = 0.0
        self._leaving = False

    def on_mount(self) -> None:
        """Watch for a key that never settles (its widget was removed with the key in it)."""
        self.set_interval(SETTLE_LIMIT_SECONDS / 4, self._unstick)

    def exit(
        self, result: None = None, return_code: int = 0, message: RenderableType | None = None
    ) -> None:
        """Quit; keys typed after the quit key are dropped (they would open dialogs mid-exit)."""
        self._leaving = True
        self._typed.clear()
        super().exit(result, return_code, message)

    async def on_event(self, event: events.Event) -> None:
        """Typed keys join the line; everything else goes on as Textual does it."""
        if isinstance(event, events.Key) and not event.is_forwarded:
            self._typed.append(event)
            await self.release_keys()
            return
        await super().on_event(event)

    def holds_key(self, event: events.Key) -> bool:
        """Whether the top screen wants this key kept back for now (never a priority key)."""
        active = self.active_bindings.get(event.key)
        if active is not None and active.binding.priority:
            return False  # ctrl+q and the like always work, even while a write waits
        screen = self.screen
        return isinstance(screen, KeyHolder) and screen.holds_key(event)

    def drop_held_keys(self) -> int:
        """Forget the keys waiting in line; how many there were."""
        dropped = len(self._typed)
        self._typed.clear()
        return dropped

    def settle_keys(self) -> None:
        """After a change outside any key (a write landed): settle, then hand on held keys."""
        # A dialog that closed gives the board its focus back through their queues: a held
        # key handed on before that reached no column (seen as a lost `x` after a save).
        if self._settling:
            return  # the key being followed checks the top screen before it lets go
        self._serial += 1
        serial = self._settling = self._serial
        self._settling_since = monotonic()
        self._after_bindings(serial, None)

    async def release_keys(self) -> None:
        """Hand on the keys in line, one at a time, while none is settling or held back."""
        while self._typed and not self._settling:
            if self._leaving:
                self._typed.clear()
                return
            event = self._typed[0]
            if self.holds_key(event):
                return
            self._typed.popleft()
            await self._dispatch_key(event)

    async def _dispatch_key(self, event: events.Key) -> None:
        """Let Textual route the key, then follow it until it has done everything."""
        self._serial += 1
        serial = self._settling = self._serial
        self._settling_since = monotonic()
        await super().on_event(event)
        if event.is_forwarded:
            # Textual gave it to the focused widget (or the screen): follow it up the tree.
            self._follow(serial, self.focused or self.screen)
        else:
            # A priority binding ran it here.
            self._after_bindings(serial, None)

    def _follow(self, serial: int, node: DOMNode) -> None:
        """Wait until `node` has handled the key, then go where it bubbles next."""
        if serial != self._settling:
            return
        if node is self:
            if not self.call_later(self._after_bindings, serial, None):
                self._settled(serial)
            return
        parent = node.parent or self
        # A callback queued behind the key runs once `node` has handled it (queues are FIFO),
        # and by then the key has been posted on to the parent, ahead of the next callback.
        if not node.call_later(self._follow, serial, parent):
            self._follow(serial, parent)  # closed: the key goes no further through it

    def _after_bindings(self, serial: int, screen: Screen[object] | None) -> None:
        """The key's bindings ran; let what they queued run too (focus, a pushed screen)."""
        if serial != self._settling:
            return
        top = self.screen
        if top is screen:
            self._settled(serial)
            return
        # Through the top screen's queue (its compose and mount run first), then the app's
        # (where a focus change waits), until the top screen no longer changes.
        if not top.call_later(self.call_later, self._after_bindings, serial, top):
            self.call_later(self._after_bindings, serial, top)

    def _settled(self, serial: int, rounds: int = 0) -> None:
        """The key is done, and so is every message it set off: the next one may go."""
        if serial != self._settling:
            return
        busy = self._busy_node() if rounds < QUIET_ROUNDS else None
        # A message the key posted deeper down (an Input's Submitted, a Select's Changed)
        # can still be on its way up after the key itself: seen as `x reason Enter j` with
        # the j typed into the reason box while its save was being asked for.
        if busy is not None and busy.call_later(self._settled, serial, rounds + 1):
            return
        self._settling = 0
        self.call_later(self.release_keys)

    def _busy_node(self) -> MessagePump | None:
        """A node of the app with messages still waiting in its queue, if any."""
        for node in (self, *self._registry):
            # The queue is made on first use: a node that never had one is not busy.
            queue = node.__dict__.get("_message_queue")
            if queue is not None and not queue.empty():
                return node
        return None

    def _unstick(self) -> None:
        """Give up on a key that has not settled in time, so typing never stalls."""
        if self._settling and monotonic() - self._settling_since > SETTLE_LIMIT_SECONDS:
            self._settled(self._settling)
        elif self._typed and not self._settling:
            self.call_later(self.release_keys)
