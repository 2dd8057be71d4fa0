"""A sweep claims its notices in a few queries, not one per notice; a second sweep, even
one running at the same moment (PostgreSQL, two connections), claims none of them twice; a
failed one is taken up again by exactly one sweep."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from notices.models import Notice
from notices.sending import Message, notices_claim


def messages(n: int, prefix: str = "test") -> list[Message]:
    return [
        Message(f"{prefix}:{i}", "test", f"person{i}@example.org", f"Subject {i}", "Text")
        for i in range(n)
    ]


@pytest.mark.django_db
def test_a_sweep_claims_in_a_few_queries_not_one_per_notice_and_never_twice():
    counts = []
    for n, prefix in ((10, "small"), (400, "large")):
        with CaptureQueriesContext(connection) as queries:
            claimed = notices_claim(messages(n, prefix))
        counts.append(len(queries))
        assert len(claimed) == n
    # Three queries for a batch; SQLite splits a large insert into statements of 999
    # parameters, PostgreSQL does not.
    assert counts[0] == 3 and counts[1] < 400 / 25
    assert notices_claim(messages(400, "large")) == []  # the second sweep
    Notice.objects.filter(key="large:7").update(status="failed", error="421 Try later")
    assert [n.pk for n in notices_claim(messages(400, "large"))] == [
        Notice.objects.get(key="large:7").pk
    ]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="two sweeps at once need two real connections"
)
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_the_same_moment_claim_each_notice_once():
    batch = messages(1200, "race")
    results: list[set[int]] = [set(), set()]
    start = threading.Barrier(2)

    def sweep(slot: int) -> None:
        try:
            start.wait()
            with transaction.atomic():
                results[slot] = {n.pk for n in notices_claim(batch)}
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sweep, args=(slot,)) for slot in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not results[0] & results[1]
    assert len(results[0] | results[1]) == Notice.objects.count() == 1200
