"""Rule budgets kept by one timer per batch (deadline.py), and the per-call timeout it stands in for."""
from __future__ import annotations

import signal
import threading
import time

import pytest

from factcheck import deadline
from factcheck.errors import RuleTimeoutError
from factcheck.extract import match_rules, match_rules_many
from conftest import FIXTURES

# slow_rule backtracks on this for some 25 s: far past the tests' budgets, yet a
# guard that failed would fail its test rather than hang the suite.
HANG = "5" * 38 + "y"

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no setitimer on this platform")


def _record_arming(monkeypatch) -> list[bool]:
    """What each ``deadline.arm`` call answered, in order."""
    armed: list[bool] = []
    arm = deadline.arm
    monkeypatch.setattr(deadline, "arm", lambda shortest: armed.append(arm(shortest)) or armed[-1])
    return armed


@pytest.fixture(params=["timer", "per-call"])
def mode(request, monkeypatch):
    """Each test runs once with the batch timer and once with a timeout on every regex call."""
    monkeypatch.setattr(deadline, "enabled", request.param == "timer")
    yield request.param, _record_arming(monkeypatch)


def _alarm_left_behind() -> tuple:
    return signal.getsignal(signal.SIGALRM), signal.getitimer(signal.ITIMER_REAL)


@pytest.mark.parametrize("way", [None, "whole", "windows", "start"])
def test_a_rule_that_backtracks_without_end_is_stopped(slow_rule, mode, way):
    name, armed = mode
    t0 = time.perf_counter()
    with pytest.raises(RuleTimeoutError, match="ar.quantity.slow"):
        match_rules(HANG, [slow_rule], timeout=0.2, way=way)
    assert time.perf_counter() - t0 < 10
    assert armed == [name == "timer"]  # the main thread takes the timer unless told not to
    assert _alarm_left_behind() == (signal.SIG_DFL, (0.0, 0.0))


def test_only_the_text_past_its_budget_loses_its_matches(slow_rule, mode):
    texts = ["55x 5x", HANG, "x 555x", "5x"]
    found = match_rules_many(texts, [slow_rule], timeout=0.2)
    assert isinstance(found[1], RuleTimeoutError)
    assert [[(m.norm_start, m.norm_end) for m in f] for i, f in enumerate(found) if i != 1] == [
        [(0, 3), (4, 6)], [(2, 6)], [(0, 2)]]


def test_the_timer_and_the_per_call_timeout_give_the_same_matches(ruleset, monkeypatch):
    rules = ruleset.rules_of("quantity", "attribution")
    texts = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "articles").rglob("*.txt"))]
    assert texts
    timed = match_rules_many(texts, rules)
    monkeypatch.setattr(deadline, "enabled", False)
    assert match_rules_many(texts, rules) == timed
    assert all(f for f in timed)


def test_a_programs_own_alarm_handler_is_left_alone(slow_rule, monkeypatch):
    rang: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: rang.append(signum))
    try:
        armed = _record_arming(monkeypatch)
        with pytest.raises(RuleTimeoutError):
            match_rules(HANG, [slow_rule], timeout=0.2)
        assert armed == [False]  # the budget rode on each regex call instead
        handler = signal.getsignal(signal.SIGALRM)
        assert callable(handler) and handler is not deadline._ring and not rang
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_outside_the_main_thread_each_call_carries_the_budget(slow_rule):
    out: list = []

    def work() -> None:
        try:
            match_rules(HANG, [slow_rule], timeout=0.2)
        except RuleTimeoutError as exc:
            out.append(exc)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(30)
    assert not worker.is_alive() and len(out) == 1 and out[0].rule_id == "ar.quantity.slow"
    assert _alarm_left_behind() == (signal.SIG_DFL, (0.0, 0.0))


def test_a_run_within_its_budget_is_not_stopped_by_the_ring(monkeypatch):
    # The timer rings every `shortest` seconds; a ring during a run still within
    # its budget sets the timer again and lets the run go on.
    assert deadline.arm(0.05)
    try:
        deadline.begin(5.0)
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < 0.3:  # several rings
            pass
        deadline.end()
    finally:
        deadline.disarm()
    assert _alarm_left_behind() == (signal.SIG_DFL, (0.0, 0.0))


def test_a_ring_past_the_budget_stops_plain_python_too():
    assert deadline.arm(0.05)
    try:
        deadline.begin(0.1)
        with pytest.raises(TimeoutError):
            t0 = time.perf_counter()
            while time.perf_counter() - t0 < 10:
                pass
        deadline.end()
    finally:
        deadline.disarm()


def test_a_ring_delivered_after_the_batch_sets_no_timer():
    # A signal raised just before disarm may reach its handler just after:
    # it must not set the timer again, or SIGALRM would later kill the process.
    assert deadline.arm(0.05)
    deadline.disarm()
    deadline._ring(signal.SIGALRM, None)
    assert _alarm_left_behind() == (signal.SIG_DFL, (0.0, 0.0))
