"""Work that many changes call for is done once, when the block ends, and not at all if the
block fails."""

from __future__ import annotations

import pytest

from config.coalesce import coalesced, once


def test_outside_a_block_the_work_is_done_at_once():
    done = []
    once("a", lambda: done.append("a"))
    assert done == ["a"]


def test_inside_a_block_each_key_is_done_once_at_the_end_even_from_a_block_inside():
    done = []
    with coalesced():
        once("a", lambda: done.append("a"))
        with coalesced():
            once("a", lambda: done.append("a again"))
            once("b", lambda: done.append("b"))
        assert done == []
    assert done == ["a", "b"]


def test_a_block_that_fails_does_nothing_and_the_next_does_its_own():
    done = []
    with pytest.raises(ValueError), coalesced():
        once("a", lambda: done.append("a"))
        raise ValueError
    with coalesced():
        once("b", lambda: done.append("b"))
    assert done == ["b"]
