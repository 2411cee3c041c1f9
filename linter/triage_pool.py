"""Run :func:`linter.triage.triage_with_report` over many submissions, each exactly once.

Local executor: a small pool of worker processes, each with its own pipe and exactly one
submission in flight, so the runner always knows which submission a worker holds:

- **time limit**: a worker still busy ``timeout_s`` after it got its submission is killed; the
  submission gets an error row ("timed out after N s") and a fresh worker takes its place;
- **memory guard**: each worker caps its address space (``RLIMIT_AS``) at ``memory_mb``; a
  ``MemoryError`` inside the check becomes an error row, the worker goes on;
- **crashes**: a worker that dies (segfault, killed by the system) loses only its one submission,
  which is retried once in a fresh worker and otherwise gets an error row;
- **flat memory**: workers retire after ``max_tasks_per_child`` submissions and are replaced.

On Linux, workers are forked from the runner after the checklists and knowledge files are
loaded, so a replacement starts warm in milliseconds. Dask executor: the same function runs on
a Dask cluster (``--executor dask --scheduler ADDRESS``); its workers must see the same files.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from linter.errors import InputError
from linter.triage import triage_with_report
from linter.triage_rows import error_row

Emit = Callable[[dict[str, Any], "str | None"], None]
DEFAULT_MAX_TASKS_PER_CHILD = 50
CRASH_RETRIES = 1
DASK_WINDOW = 2000
_TICK_S = 0.25


@dataclass(frozen=True)
class Task:
    name: str  # the submission's name (the row key)
    path: str  # absolute path


@dataclass(frozen=True)
class PoolSettings:
    jobs: int
    timeout_s: float
    memory_mb: int | None
    options: dict[str, Any] = field(default_factory=dict)
    report_format: str | None = None
    max_tasks_per_child: int = DEFAULT_MAX_TASKS_PER_CHILD


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# ------------------------------------------------------------------------------------------- worker


def _limit_memory(memory_mb: int | None) -> None:
    if not memory_mb:
        return
    try:
        import resource
    except ImportError:  # Windows: no per-process address-space limit
        return
    limit = memory_mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass


def _die_with_parent() -> None:
    """Linux: have the kernel kill this worker if the runner dies (no orphan stuck on a hung input)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _worker_main(conn: Connection, settings: PoolSettings) -> None:
    """Loop: receive a submission path, send back (row, rendered report); stop after N or on None."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the runner decides what an interrupt means
    _die_with_parent()
    _limit_memory(settings.memory_mb)
    try:
        for _ in range(settings.max_tasks_per_child):
            try:
                path = conn.recv()
            except (EOFError, OSError):
                return
            if path is None:
                return
            result = _guarded_call(path, settings)
            try:
                conn.send(result)
            except MemoryError:
                result = None
            if result is None:
                gc.collect()
                conn.send((error_row(os.path.basename(path), "ran out of memory while sending the result"), None))
    finally:
        conn.close()


def _guarded_call(path: str, settings: PoolSettings) -> tuple[dict[str, Any], str | None]:
    started = time.monotonic()
    try:
        return triage_with_report(path, settings.options, settings.report_format)
    except MemoryError:  # triage_with_report catches its own; this covers building its answer
        pass
    gc.collect()
    return error_row(os.path.basename(path), "ran out of memory (the submission is too large for the memory limit)",
                     {}, time.monotonic() - started), None


# ------------------------------------------------------------------------------------------- runner


class _Worker:
    def __init__(self, ctx: Any, settings: PoolSettings):
        parent, child = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_worker_main, args=(child, settings), daemon=True)
        self.proc.start()
        child.close()
        self.conn: Connection = parent
        self.task: Task | None = None
        self.started = 0.0
        self.sent = 0

    def give(self, task: Task) -> None:
        self.task, self.started = task, time.monotonic()
        self.sent += 1
        try:
            self.conn.send(task.path)
        except OSError:  # the worker died before taking it: the runner sees the death and retries
            pass

    def stop(self, kill: bool = False) -> None:
        if kill and self.proc.is_alive():
            self.proc.kill()
        self.proc.join(timeout=5)
        self.conn.close()


def _context() -> Any:
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return mp.get_context(method)


def run_local(tasks: list[Task], settings: PoolSettings, emit: Emit) -> None:
    """Run every task in worker processes; ``emit(row, rendered)`` is called once per task."""
    ctx = _context()
    queue = deque(tasks)
    crashes: dict[str, int] = {}
    workers: list[_Worker] = []
    try:
        while queue or any(w.task for w in workers):
            _fill(ctx, workers, queue, settings)
            _wait_and_collect(workers, queue, crashes, settings, emit)
    finally:
        for w in workers:
            w.stop(kill=True)


def _fill(ctx: Any, workers: list[_Worker], queue: deque[Task], settings: PoolSettings) -> None:
    for w in workers:
        if w.task is None and queue and w.sent < settings.max_tasks_per_child and w.proc.is_alive():
            w.give(queue.popleft())
    while queue and len(workers) < settings.jobs:
        w = _Worker(ctx, settings)
        workers.append(w)
        w.give(queue.popleft())


def _wait_and_collect(workers: list[_Worker], queue: deque[Task], crashes: dict[str, int],
                      settings: PoolSettings, emit: Emit) -> None:
    now = time.monotonic()
    busy = [w for w in workers if w.task is not None]
    deadline = min((w.started + settings.timeout_s for w in busy), default=now + _TICK_S)
    timeout = max(0.0, min(deadline - now, _TICK_S))
    ready = set(wait([w.conn for w in busy] + [w.proc.sentinel for w in workers], timeout))
    for w in list(workers):
        dead = w.proc.sentinel in ready or not w.proc.is_alive()
        if w.task is not None and (w.conn in ready or (dead and _has_data(w.conn))):
            _receive(w, queue, crashes, emit)
        dead = dead or not w.proc.is_alive()
        if dead or (w.task is None and w.sent >= settings.max_tasks_per_child):
            if w.task is not None:
                _crashed(w, queue, crashes, emit)
            w.stop()
            workers.remove(w)
    now = time.monotonic()
    for w in list(workers):
        if w.task is not None and now - w.started >= settings.timeout_s:
            task = w.task
            w.stop(kill=True)
            workers.remove(w)
            emit(error_row(task.name, f"timed out after {settings.timeout_s:g} s", {}, settings.timeout_s), None)


def _receive(w: _Worker, queue: deque[Task], crashes: dict[str, int], emit: Emit) -> None:
    task = w.task
    assert task is not None
    try:
        row, rendered = w.conn.recv()
    except (EOFError, OSError, ValueError, TypeError, AttributeError, ImportError, IndexError):
        w.stop(kill=True)  # dead, or its pipe is unusable: it is replaced either way
        _crashed(w, queue, crashes, emit)
        return
    w.task = None
    row["submission"] = task.name
    emit(row, rendered)


def _has_data(conn: Connection) -> bool:
    try:
        return conn.poll()
    except (OSError, ValueError):
        return False


def _crashed(w: _Worker, queue: deque[Task], crashes: dict[str, int], emit: Emit) -> None:
    task = w.task
    if task is None:
        return
    w.task = None
    crashes[task.name] = crashes.get(task.name, 0) + 1
    if crashes[task.name] <= CRASH_RETRIES:
        queue.appendleft(task)
        return
    w.proc.join(timeout=5)
    code = w.proc.exitcode
    if code is not None and code < 0:
        how = f"was killed by signal {-code}" + (" (out of memory?)" if -code == signal.SIGKILL else "")
    else:
        how = f"exited with code {code}"
    emit(error_row(task.name, f"worker process {how} while checking this submission (tried {crashes[task.name]} times)",
                   {}, time.monotonic() - w.started), None)


# --------------------------------------------------------------------------------------------- dask


def connect_dask(scheduler: str) -> Any:
    """A Dask client for ``scheduler``; InputError when Dask is missing or the scheduler unreachable."""
    try:
        from distributed import Client
    except ImportError:
        raise InputError(None, "--executor dask needs Dask: pip install 'guidelint[dask]'") from None
    try:
        return Client(scheduler, timeout=30)
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError(None, f"cannot connect to the Dask scheduler at {scheduler!r}: {exc}") from None


def run_dask(tasks: list[Task], settings: PoolSettings, client: Any, emit: Emit) -> None:
    """Run every task through the Dask ``client``; each failure becomes an error row.

    At most ``DASK_WINDOW`` submissions are in flight at once, so a corpus of millions does not
    flood the scheduler. ``timeout_s`` and ``memory_mb`` are not enforced here: Dask runs tasks in
    threads, which cannot be stopped; use the cluster's worker memory limits instead.
    """
    from distributed import as_completed

    pending = deque(tasks)
    by_key: dict[str, Task] = {}

    def submit() -> Any:
        task = pending.popleft()
        fut = client.submit(triage_with_report, task.path, settings.options, settings.report_format,
                            pure=False, key=f"guidelint-triage-{os.getpid()}-{len(by_key)}")
        by_key[fut.key] = task
        return fut

    try:
        running = as_completed([submit() for _ in range(min(DASK_WINDOW, len(pending)))])
        for fut in running:
            task = by_key.pop(fut.key)
            try:
                row, rendered = fut.result()
            except Exception as exc:  # noqa: BLE001 - a lost task is a row, not a crash of the batch
                row, rendered = error_row(task.name, f"Dask task failed: {type(exc).__name__}: {exc}"), None
            fut.release()
            if pending:
                running.add(submit())
            row["submission"] = task.name
            emit(row, rendered)
    finally:
        client.close()
