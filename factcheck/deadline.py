"""Time budgets of rule runs, kept by one timer signal per batch instead of a clock per regex call.

The ``regex`` module's ``timeout`` reads a clock (a system call) twice on
every call: 2.4 µs of a rule try that often costs 3 µs in all, and a news
article takes some 80 tries. The ``regex`` module also checks for signals
while it matches, so in the main thread, where Python runs signal handlers,
a wall-clock timer (``SIGALRM``) can stop a run that passed its budget just
as the timeout would: the handler raises ``TimeoutError`` inside the call.

``arm`` sets the timer for a batch of runs; ``begin`` and ``end`` mark one
run (one rule over one text) and its budget, which costs no system call.
The timer rings at most every ``shortest`` seconds (the smallest budget of
the batch); at each ring the handler stops the run in progress if it is past
its budget, and otherwise sets the timer again for whichever comes first,
the run's deadline or the next ``shortest``. So no run goes more than its
budget past its start without being stopped.

Where the timer cannot be used, ``arm`` says so and the caller passes
``timeout`` on each call as before: outside the main thread, on a platform
without ``setitimer``, or when the program already handles ``SIGALRM``
(its handler is never replaced). ``disarm`` stops the timer and gives the
signal back its default action, so nothing of this outlives the batch.
"""
from __future__ import annotations

import signal
import threading
import time
from typing import Any

_SIGNAL = getattr(signal, "SIGALRM", None)
_TIMER = getattr(signal, "ITIMER_REAL", None)

_deadline: float | None = None  # perf_counter() by which the run in progress must end; None between runs
_every = 1.0  # the longest the timer is set for (the batch's smallest budget)
_armed = False
# Tests set this to False to run the fallback (a timeout on each call) in the main thread.
enabled = True


def _ring(signum: int, frame: Any) -> None:
    global _deadline
    if not _armed:
        return  # a ring delivered late, after ``disarm``: setting the timer again would outlive the batch
    due = _deadline
    now = time.perf_counter()
    if due is not None and now >= due:
        _deadline = None  # one stop per run: a ring late in the run's cleanup raises nothing more
        raise TimeoutError("rule run past its time budget")
    signal.setitimer(_TIMER, _every if due is None else max(min(due - now, _every), 0.001))


def arm(shortest: float) -> bool:
    """Set the timer for a batch of runs whose smallest budget is ``shortest``; False where it cannot be used."""
    global _every, _armed, _deadline
    if (not enabled or _armed or _SIGNAL is None or _TIMER is None
            or threading.current_thread() is not threading.main_thread()):
        return False
    try:
        if signal.getsignal(_SIGNAL) is not signal.SIG_DFL:
            return False  # the program handles SIGALRM itself (or another interpreter does)
        signal.signal(_SIGNAL, _ring)
    except (ValueError, OSError):
        return False
    _every, _deadline, _armed = max(shortest, 0.001), None, True
    signal.setitimer(_TIMER, _every)
    return True


def disarm() -> None:
    """Stop the timer and give ``SIGALRM`` back its default action."""
    global _armed, _deadline
    _deadline, _armed = None, False  # first: a ring from here on sets nothing
    signal.setitimer(_TIMER, 0)
    signal.signal(_SIGNAL, signal.SIG_DFL)


def begin(budget: float) -> None:
    """A run with this budget (seconds) starts now."""
    global _deadline
    _deadline = time.perf_counter() + budget


def end() -> None:
    """The run in progress is over (finished or stopped)."""
    global _deadline
    _deadline = None
