"""The cycle collector's pause around a batch: back on afterwards, and nothing leaks."""

from __future__ import annotations

import gc
import weakref

from coprod.gcpause import gc_paused


class _Node:
    """An object that can sit in a reference cycle."""

    def __init__(self) -> None:
        self.other: _Node | None = None


def test_the_collector_is_back_on_and_frees_cycles_made_in_the_pause() -> None:
    """After the pause the collector runs again and still frees a cycle made during it."""
    gc.enable()
    with gc_paused():
        assert not gc.isenabled()
        first, second = _Node(), _Node()
        first.other, second.other = second, first
        gone = weakref.ref(first)
        del first, second
    assert gc.isenabled()
    gc.collect()
    assert gone() is None


def test_a_collector_that_was_off_stays_off() -> None:
    """A caller that had turned the collector off finds it off after the pause."""
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
