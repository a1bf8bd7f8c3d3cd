"""The demo's batches, made in a forked process while this one writes them.

Making the records is Python (about half of a million-lead demo) and writing
them is mostly SQLite (the search index above all). In one process they take
turns; in a thread they fight over the GIL (executemany takes it back for
every row). A child process made by fork needs no re-import and starts with
the same seeded generator, so the batches are exactly those of a plain loop.
"""

from __future__ import annotations

import multiprocessing
import random
import signal
from collections.abc import Iterator
from multiprocessing.connection import Connection
from typing import Any

from pendulum import DateTime

from leadboard.actions.demo.leads import DemoLeads
from leadboard.domain.followup import Policy
from leadboard.store.bulk import Batch, prepare

FORK_FROM = 20_000
"""From this many leads the batches are made in a child process: below, starting it costs more."""


class ProducerFailed(RuntimeError):
    """The child process that makes the batches stopped without finishing."""


def demo_batches(
    seed: int,
    now: DateTime,
    policy: Policy,
    first_id: int,
    count: int,
    size: int,
    owners: tuple[str, ...] = ("",),
) -> Iterator[Batch]:
    """The demo's batches of `count` leads from `first_id` on, `size` at a time, made here."""
    demo = DemoLeads(random.Random(seed), now, policy, owners)
    for start in range(0, count, size):
        yield prepare(*demo.batch(first_id + start, min(size, count - start)))


def batches(
    seed: int,
    now: DateTime,
    policy: Policy,
    first_id: int,
    count: int,
    size: int,
    fork_from: int | None = None,
    owners: tuple[str, ...] = ("",),
) -> Iterator[Batch]:
    """demo_batches, made in a forked child process when there are many and fork exists."""
    made = demo_batches(seed, now, policy, first_id, count, size, owners)
    if fork_from is None:
        fork_from = FORK_FROM
    if count < fork_from or "fork" not in multiprocessing.get_all_start_methods():
        yield from made
        return
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_produce, args=(made, sending, receiving), daemon=True)
    child.start()
    sending.close()  # the child's end: the parent keeps only its own, so EOF means it stopped
    try:
        while True:
            try:
                kind, value = receiving.recv()
            except EOFError:
                raise ProducerFailed("the demo's data maker stopped") from None
            if kind == "done":
                return
            if kind == "error":
                raise ProducerFailed(f"the demo's data maker failed: {value}")
            yield value
    finally:
        receiving.close()
        if child.is_alive():
            child.terminate()  # stopped early (an error here, Ctrl-C): nothing more is wanted
        child.join()


def _produce(made: Iterator[Batch], sending: Connection, receiving: Connection) -> None:
    """In the child: send each batch, then 'done', or the error that stopped it."""
    # The fork copied the parent's end too: with it closed, a parent that dies (SIGKILL)
    # leaves no reader, so the next send fails and this process ends instead of waiting.
    receiving.close()
    # Ctrl-C goes to the whole process group: the parent decides, and ends this process.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    message: tuple[str, Any]
    try:
        for batch in made:
            sending.send(("batch", batch))
        message = ("done", None)
    except Exception as error:  # reported to the parent, which raises it
        message = ("error", f"{type(error).__name__}: {error}")
    try:
        sending.send(message)
    except (BrokenPipeError, OSError):
        pass  # the parent stopped listening: it is ending this process anyway
    finally:
        sending.close()
