"""The pool of query worker processes, shared fairly between clients, driven from the event loop.

Each job runs in an idle worker; one that passes the time limit has its worker killed and
replaced. Fairness: a client (one peer address) runs at most `client_running` jobs at once; the
rest wait in its own queue, and a freed worker goes to the next client in turn, so one client's
slow queries never hold every worker while others wait. A client whose queue is full is answered
503 with Retry-After; nobody else is. A job running longer than `slow_after` seconds is slow: at
most `slow_lanes` slow jobs run at once, the others are paused (SIGSTOP) until one ends, so slow
queries never take more than that many processors from the quick ones. A paused job's time limit
keeps running.

A worker sees the store as it was when it opened it. When the store's files change (a build writing
into it; looked at no more than once a second) the pool starts a new generation: idle workers of the
old one are replaced at once, busy ones when their job ends, and no job goes to an old worker again,
so a client never gets an older answer after a newer one.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import time
from collections import Counter, OrderedDict, deque
from pathlib import Path

from imrgraph.serve.pages import store_state
from imrgraph.serve.protocol import Refusal, Reply, error_reply
from imrgraph.serve.worker import READY, WorkerSpec, memory_reply, worker_main

log = logging.getLogger("imrgraph.serve")
STATE_CHECK_SECONDS = 1.0
# A replacement worker that cannot open the store is started again, waiting longer each time (seconds, capped).
RESPAWN_ATTEMPTS = 12
RESPAWN_WAIT_MAX = 5.0


class WorkerDied(Exception):
    pass


class Worker:
    def __init__(self, context, spec: WorkerSpec, generation: int):
        self.generation = generation  # of the store's state; the worker opens the store after this
        self.conn, child = context.Pipe()
        self.process = context.Process(target=worker_main, args=(spec, child, os.getpid()), daemon=True,
                                       name="imrgraph-sparql-worker")
        self.process.start()
        child.close()
        self.lane: str | None = None  # "running" or "paused" once its job is slow

    async def receive(self, timeout: float | None):
        """The worker's next message; WorkerDied if its pipe closes; TimeoutError past `timeout`."""
        loop = asyncio.get_running_loop()
        answer = loop.create_future()

        def readable() -> None:
            if answer.done():  # timed out meanwhile: the reader is gone and the pipe may be closed
                return
            loop.remove_reader(fd)
            try:
                message = self.conn.recv()
            except (EOFError, OSError) as e:
                answer.set_exception(WorkerDied(str(e)))
            else:
                answer.set_result(message)

        fd = self.conn.fileno()
        loop.add_reader(fd, readable)
        try:
            return await asyncio.wait_for(answer, timeout)
        finally:
            if not answer.done() or answer.cancelled():
                loop.remove_reader(fd)

    def kill(self) -> None:
        if self.process.pid is not None:
            try:
                os.kill(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def reap(self) -> int | None:
        """Waits for the killed or dead process; its exit code (negative: the signal)."""
        self.process.join(timeout=10)
        self.conn.close()
        return self.process.exitcode


class WorkerPool:
    def __init__(self, spec: WorkerSpec, size: int, timeout: float, client_running: int, client_queue: int,
                 slow_lanes: int = 1, slow_after: float = 0.3):
        import multiprocessing

        # spawn, not fork: the server has threads, and a forked child could inherit a held lock
        self._context = multiprocessing.get_context("spawn")
        self.spec, self.size, self.timeout = spec, size, timeout
        self.client_running, self.client_queue = client_running, client_queue
        self.slow_lanes, self.slow_after = slow_lanes, slow_after
        self._slow_running = 0
        self._paused: deque[Worker] = deque()
        self._idle: list[Worker] = []
        self._busy: set[Worker] = set()
        self._starting = 0
        self._running: Counter[str] = Counter()
        self._waiting: OrderedDict[str, deque[asyncio.Future]] = OrderedDict()
        self._closed = False
        self._generation = 0
        self._state = store_state(Path(spec.store))
        self._checked = time.monotonic()

    # --- the store's generations -----------------------------------------------------------------

    def generation(self) -> int:
        """The store's current generation, moved on (and the idle old workers replaced) when its files
        have changed since the last look."""
        now = time.monotonic()
        if now - self._checked >= STATE_CHECK_SECONDS:
            self._checked = now
            try:
                state = store_state(Path(self.spec.store))
            except OSError:  # moved or being replaced: the workers keep what they opened
                state = self._state
            if state != self._state:
                self._state = state
                self._generation += 1
                stale = [w for w in self._idle if w.generation < self._generation]
                self._idle = [w for w in self._idle if w.generation == self._generation]
                for worker in stale:
                    self._replace(worker)
        return self._generation

    def _worker(self) -> Worker:
        return Worker(self._context, self.spec, self._generation)

    # --- workers -------------------------------------------------------------------------------

    async def start(self) -> None:
        """Starts every worker and waits until each has opened the store; raises RuntimeError with
        the workers' own message when they cannot."""
        workers = [self._worker() for _ in range(self.size)]
        try:
            for worker in workers:
                await self._await_ready(worker)
        except BaseException:
            for worker in workers:
                worker.kill()
                await asyncio.to_thread(worker.reap)
            raise
        self._idle.extend(workers)

    async def _await_ready(self, worker: Worker) -> None:
        try:
            kind, detail = await worker.receive(timeout=120)
        except (WorkerDied, TimeoutError):
            kind, detail = "failed", "a query worker did not start"
        if kind != READY:
            raise RuntimeError(detail)

    def _replace(self, worker: Worker, reaped: bool = False) -> None:
        """Kills `worker` (unless already reaped: its pid may be another process's by now) and
        starts another in the background; the new one joins the idle workers once it has opened
        the store."""
        if not reaped:
            worker.kill()
        self._busy.discard(worker)
        self._starting += 1
        asyncio.get_running_loop().create_task(self._respawn(None if reaped else worker))

    async def _respawn(self, old: Worker | None) -> None:
        try:
            if old is not None:
                await asyncio.to_thread(old.reap)
            if self._closed:
                return
            for attempt in range(RESPAWN_ATTEMPTS):
                # started from the loop's own thread: a worker dies with the thread that started it
                worker = self._worker()
                try:
                    await self._await_ready(worker)
                    break
                except RuntimeError as e:
                    # a store being written can fail to open for a moment (a file it lists is being replaced)
                    log.warning("a replacement query worker did not start (%s); trying again", e)
                    worker.kill()
                    await asyncio.to_thread(worker.reap)
                    if self._closed:
                        return
                    await asyncio.sleep(min(RESPAWN_WAIT_MAX, 0.5 * 2 ** attempt))
            else:
                log.warning("no replacement query worker started; %d remain", len(self._idle) + len(self._busy))
                return
            if self._closed:
                worker.kill()
                await asyncio.to_thread(worker.reap)
                return
            if worker.generation < self._generation:  # the store changed while it opened: open again
                self._replace(worker)
                return
            self._idle.append(worker)
        finally:
            self._starting -= 1
        self._dispatch()

    async def close(self) -> None:
        self._closed = True
        for waiters in self._waiting.values():
            for waiter in waiters:
                waiter.cancel()
        workers = [*self._idle, *self._busy]
        self._idle, self._busy = [], set()
        for worker in workers:
            worker.kill()
        for worker in workers:
            await asyncio.to_thread(worker.reap)

    def status(self) -> dict:
        return {"idle": len(self._idle), "busy": len(self._busy), "starting": self._starting,
                "waiting": sum(len(q) for q in self._waiting.values()), "slow": self._slow_running,
                "paused": len(self._paused)}

    # --- fair hand-out -------------------------------------------------------------------------

    async def _acquire(self, client: str) -> Worker:
        if self._idle and self._running[client] < self.client_running and not self._waiting:
            return self._take(client)
        queue = self._waiting.get(client)
        if queue is not None and len(queue) >= self.client_queue:
            raise Refusal(503, "busy", f"you already have {self._running[client]} queries running and "
                                       f"{len(queue)} waiting; wait for them, then try again",
                          retry_after_seconds=self._retry_after())
        waiter = asyncio.get_running_loop().create_future()
        self._waiting.setdefault(client, deque()).append(waiter)
        self._dispatch()
        try:
            return await asyncio.wait_for(asyncio.shield(waiter), self.timeout)
        except TimeoutError:
            if waiter.done() and not waiter.cancelled():  # handed a worker at the last moment
                return waiter.result()
            waiter.cancel()
            self._forget(client, waiter)
            raise Refusal(503, "busy", f"every query worker stayed busy for {self.timeout:g} s; try again",
                          retry_after_seconds=self._retry_after()) from None
        except asyncio.CancelledError:  # the client went away while waiting
            if waiter.done() and not waiter.cancelled():
                self._release(waiter.result(), client)
            else:
                waiter.cancel()
                self._forget(client, waiter)
            raise

    def _forget(self, client: str, waiter: asyncio.Future) -> None:
        queue = self._waiting.get(client)
        if queue is not None and waiter in queue:
            queue.remove(waiter)
            if not queue:
                del self._waiting[client]

    def _take(self, client: str) -> Worker:
        worker = self._idle.pop()
        self._busy.add(worker)
        self._running[client] += 1
        return worker

    def _dispatch(self) -> None:
        """Hands idle workers to waiting clients, one client at a time in turn."""
        while self._idle and self._waiting:
            for client in list(self._waiting):
                if self._running[client] < self.client_running:
                    queue = self._waiting.pop(client)
                    waiter = queue.popleft()
                    if queue:
                        self._waiting[client] = queue  # back of the line
                    if not waiter.cancelled():
                        waiter.set_result(self._take(client))
                    break
            else:
                return  # every waiting client is at its limit

    def _release(self, worker: Worker | None, client: str) -> None:
        self._running[client] -= 1
        if self._running[client] <= 0:
            del self._running[client]
        if worker is not None and worker.generation < self._generation:
            self._replace(worker)
        elif worker is not None:
            self._busy.discard(worker)
            self._idle.append(worker)
        self._dispatch()

    def _retry_after(self) -> int:
        return max(1, round(self.timeout / 2))

    # --- running a job -------------------------------------------------------------------------

    async def run(self, client: str, job) -> Reply:
        """The job's reply from a worker of the current generation (the caller has just read `generation()`)."""
        worker = await self._acquire(client)
        loop = asyncio.get_running_loop()
        slow = loop.call_later(self.slow_after, self._became_slow, worker)
        started = time.monotonic()
        keep: Worker | None = worker
        try:
            worker.conn.send(job)
            reply, retire = await worker.receive(self.timeout)
            if retire:
                keep = None
                self._replace(worker)
            return reply
        except TimeoutError:
            keep = None
            self._replace(worker)
            return error_reply(503, "timeout", f"the query ran past the {self.timeout:g} s time limit and was stopped",
                               timeout_seconds=self.timeout)
        except (WorkerDied, OSError):
            keep = None
            self._left_slow(worker)  # before the await: no one may signal it once it is reaped
            exit_code = await asyncio.to_thread(worker.reap)
            self._replace(worker, reaped=True)
            if exit_code == -signal.SIGABRT:  # Rust aborts when an allocation fails under the rlimit
                return memory_reply(self.spec.max_memory)
            return error_reply(500, "worker-died", "the query worker stopped unexpectedly "
                                                   f"after {time.monotonic() - started:.1f} s; try again")
        except asyncio.CancelledError:  # the client went away: the worker may still be busy
            keep = None
            self._replace(worker)
            raise
        finally:
            slow.cancel()
            self._left_slow(worker)
            self._release(keep, client)

    def _became_slow(self, worker: Worker) -> None:
        if self._slow_running < self.slow_lanes:
            self._slow_running += 1
            worker.lane = "running"
        elif _signal(worker, signal.SIGSTOP):
            worker.lane = "paused"
            self._paused.append(worker)

    def _left_slow(self, worker: Worker) -> None:
        """The worker's job ended (or the worker was killed): its lane goes to the next paused job."""
        if worker.lane == "paused":
            self._paused.remove(worker)
        elif worker.lane == "running":
            self._slow_running -= 1
            if self._paused:
                waiting = self._paused.popleft()
                _signal(waiting, signal.SIGCONT)
                waiting.lane = "running"
                self._slow_running += 1
        worker.lane = None


def _signal(worker: Worker, number: int) -> bool:
    try:
        os.kill(worker.process.pid, number)
        return True
    except ProcessLookupError:
        return False
