"""The room under a hall's load: simulated phones (async HTTP clients on loopback) joining,
following the meeting's live stream, getting each idea, and a burst of votes, while the headless
app runs; beside it, in the same run, a bare Starlette app serving the same stream (the floor:
what the web stack costs with no meeting behind it).

What is measured, with `time.monotonic` (one clock across the two processes on Linux):

- The real app, headless (`WyberApp(...).run_test(size=(80, 24))`), the shipped plan
  `sessions/wyber-30.en.toml` started at once, the room open on 127.0.0.1 (`app.open_room`). The
  phones run in a process of their own (so their parsing is not charged to the app's loop), one
  `httpx.AsyncClient` each for joining and posting, with its own cookie, as a phone has; the
  live stream and the views, which every phone reads after every change, on plain asyncio
  connections (Phone's docstring says why).
- Joining: each phone opens the QR's URL and joins with a name (a new participant each), at most
  50 at once. Then each opens the live stream (GET /api/stream) and keeps it.
- Each phone reads its stream as the page does: after a change it fetches its view (GET
  /api/view) once, 0.2–0.6 s later, and not for votes alone (room.js); the app serves those too.
- Fan-out: one phone sends IDEAS ideas, one every 0.25 s; for each, from the moment the POST goes
  out to the moment each phone's stream has the message with that idea's seq as its id. Delivery =
  messages received / (ideas × phones), waited for up to 5 s each.
- The vote burst: the facilitator moves to converge; every phone casts one dot, at moments spread
  evenly over VOTE_SECONDS; the answer time of each POST (answered only once durable) and every
  answer that is not a 200 (a failure).
- The app's event-loop lag: a task on the app's loop sleeps 10 ms again and again and notes how
  late it wakes, from the first join to the last vote.
- What held the app's loop: each callback on it that ran HELD (20 ms) or longer, by what it
  ran, from the first join to the last vote: where to look when the lag misses its goal.
- Memory per connected phone: the app process's resident memory (VmRSS) after all have joined and
  opened their streams, less before the first joined, divided by the phones.
- The page: the phone page, its script, style and texts gzipped (what a phone downloads first),
  and a first load (the QR's URL, redirected to the page, then script, style, texts, view) timed.
- The bare app serves the same routes' shapes (a join link, join, the stream, ideas, votes) with
  an in-memory counter for a seq and no meeting, on the same uvicorn set-up, on a plain event loop.
- A stretch run with STRETCH phones (fan-out and delivery only), reported, no goal.

Goals (from the issue): idea → all phones p99 within 1.5× the bare app's p99 in the same run and
≤ 50 ms; the vote burst with 0 failures and answer p99 ≤ 100 ms; 100% delivery; the app's loop
lag p99 ≤ 50 ms; the page ≤ 30 KB gzipped. Loopback only; bounded in phones and in time (every
wait has a deadline). The benchmark never fails on a goal, only on an error. `--quick`: 50 phones,
5 ideas, a 3 s burst, no stretch run: indicative only.
"""

import asyncio
import contextlib
import gzip
import json
import multiprocessing
import random
import resource
import sys
import time
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import httpx
from _headless import PLAN, SIZE, until
from _shared import (
    Stats,
    bench_main,
    machine,
    print_goal,
    print_header,
    scratch,
    stats,
)
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from tui.app import Launch, WyberApp
from tui.room.access import COOKIE
from tui.room.opened import OpenRoom
from tui.room.server import STATIC, RoomServer
from tui.room.texts import phone_texts
from tui.screens.run import RunScreen
from tui.wyber.commands import NextMovement
from tui.wyber.plans import load_plan

LAG_INTERVAL = 0.010
JOINING_AT_ONCE = 50
DELIVERY_WAIT = 5.0  # seconds an idea may take to reach every phone before it counts as lost
IDEA_EVERY = 0.25
PHASE_TIMEOUT = 120.0  # the most any phase may take, so a stuck run ends
REFRESH = 0.4  # seconds: room.js's REFRESH_MS
UNSEEN = {"vote_cast", "score_given"}  # the kinds after which room.js fetches no view


@dataclass(frozen=True)
class Settings:
    phones: int
    ideas: int
    vote_seconds: float
    stretch: int  # phones in the stretch run; 0: none


FULL = Settings(phones=300, ideas=20, vote_seconds=10, stretch=1000)
QUICK = Settings(phones=50, ideas=5, vote_seconds=3, stretch=0)
QUICK_CAVEAT = "50 phones, 5 ideas, a 3 s burst and no stretch run"


@dataclass
class Result:
    fanout: list[float] = field(default_factory=list)  # seconds, one per idea per phone
    expected: int = 0  # ideas × phones
    votes: list[float] = field(default_factory=list)  # answer seconds of the 200s
    failures: int = 0
    first_load: float = 0.0
    lags: list[float] = field(default_factory=list)
    per_phone_kb: float = 0.0
    views_failed: int = 0  # views a phone asked for and did not get (the server failed it)
    held: dict[str, list[float]] = field(default_factory=dict)  # see LoopHolds


# ── the phones, in a process of their own ───────────────────────────────────────────────────────


def more_files() -> None:
    """A thousand phones need a thousand sockets on each side: the soft limit up to the hard."""
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


class Phone:
    """One phone. Joining and posting go through httpx, as any client would; following the
    stream and fetching views, which 300 phones do at once after every change, are plain
    asyncio connections (a Protocol that only scans for `id:` lines, one kept-alive socket
    for views): httpx in one process for 300 phones spent more of the 2 cores than the server
    did, so the clients, not the app, set the figures (the bare app's fan-out p99 was 2.4 s)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.client = httpx.AsyncClient(base_url=base, timeout=30, follow_redirects=True)
        self.origin = {"Origin": base}
        self.seen: dict[int, float] = {}
        self.open = asyncio.Event()
        self.refreshing: asyncio.Task[None] | None = None
        self.views: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        self.viewing = asyncio.Lock()  # one request at a time on the kept-alive connection
        self.views_failed = 0
        self.stream: asyncio.BaseTransport | None = None

    async def join(self, url: str, name: str) -> None:
        await self.client.get(url)
        answer = await self.client.post("/api/join", json={"name": name}, headers=self.origin)
        answer.raise_for_status()

    def request(self, path: str, headers: str = "") -> bytes:
        host = self.base.split("//")[1]
        cookie = self.client.cookies.get(COOKIE, "")
        head = f"GET {path} HTTP/1.1\r\nHost: {host}\r\nCookie: {COOKIE}={cookie}\r\n"
        return (head + headers + "\r\n").encode()

    async def follow(self) -> None:
        """The stream, as the page reads it: the arrival of each seq, and a view fetched after
        changes as room.js does (at most one every ~REFRESH seconds, none for votes alone).
        A dropped stream is opened again with Last-Event-ID, as EventSource does."""
        host, port = self.base.split("//")[1].split(":")
        loop = asyncio.get_running_loop()
        while True:
            last = f"Last-Event-ID: {max(self.seen)}\r\n" if self.seen else ""
            try:
                transport, line = await loop.create_connection(
                    lambda: StreamLines(self), host, int(port)
                )
            except OSError:
                await asyncio.sleep(0.5)
                continue
            self.stream = transport
            transport.write(self.request("/api/stream", last))
            await line.closed
            await asyncio.sleep(0.5)

    def message(self, line: bytes) -> None:
        if line.startswith(b"id: "):
            self.open.set()
            self.seen.setdefault(int(line[4:]), time.monotonic())
        elif line.startswith(b"data: ") and self.refreshing is None:
            kinds = json.loads(line[6:]).get("kinds", [])
            if not kinds or not set(kinds) <= UNSEEN:
                self.refreshing = asyncio.create_task(self.refresh())
        elif line.startswith(b"retry:"):
            self.open.set()

    async def refresh(self) -> None:
        await asyncio.sleep(REFRESH * (0.5 + random.random()))
        self.refreshing = None
        async with self.viewing:
            try:
                await self.view()
            except (OSError, ValueError, asyncio.IncompleteReadError):
                self.views_failed += 1

    async def view(self) -> None:
        """GET /api/view on the phone's kept-alive connection; its body read and dropped."""
        if self.views is None:
            host, port = self.base.split("//")[1].split(":")
            self.views = await asyncio.open_connection(host, int(port))
        reader, writer = self.views
        try:
            writer.write(self.request("/api/view"))
            head = await reader.readuntil(b"\r\n\r\n")
            length = next(
                int(h.split(b":")[1])
                for h in head.lower().split(b"\r\n")
                if h.startswith(b"content-length:")
            )
            await reader.readexactly(length)
        except BaseException:
            self.views = None
            writer.close()
            raise

    async def close(self) -> None:
        for transport in (self.stream, self.views[1] if self.views else None):
            if transport is not None:
                transport.close()
        await self.client.aclose()

    async def post(self, path: str, body: dict[str, Any]) -> httpx.Response:
        """As room.js posts: with an idempotency key, sent again (up to 3 times) when the
        connection drops before an answer; the retry never counts twice."""
        headers = {**self.origin, "Idempotency-Key": f"{random.getrandbits(64):016x}"}
        for _ in range(3):
            try:
                return await self.client.post(path, json=body, headers=headers)
            except httpx.TransportError:
                await asyncio.sleep(0.2)
        return await self.client.post(path, json=body, headers=headers)


class StreamLines(asyncio.Protocol):
    """A phone's live stream, read as lines (the chunked encoding's size lines are skipped by
    what they are not: no SSE field)."""

    def __init__(self, phone: Phone) -> None:
        self.phone = phone
        self.buffer = b""
        self.closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def data_received(self, data: bytes) -> None:
        *lines, self.buffer = (self.buffer + data).split(b"\n")
        for line in lines:
            self.phone.message(line.rstrip(b"\r"))

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.closed.done():
            self.closed.set_result(None)


async def join_and_follow(crowd: Sequence[Phone], link: str) -> list[asyncio.Task[None]]:
    """Every phone joins with a name (at most JOINING_AT_ONCE at once), then opens its stream."""
    gate = asyncio.Semaphore(JOINING_AT_ONCE)

    async def join(n: int, phone: Phone) -> None:
        async with gate:
            await phone.join(link, f"Phone {n}")

    await asyncio.wait_for(
        asyncio.gather(*(join(n, p) for n, p in enumerate(crowd))), PHASE_TIMEOUT
    )
    streams = [asyncio.create_task(p.follow()) for p in crowd]
    await asyncio.wait_for(asyncio.gather(*(p.open.wait() for p in crowd)), PHASE_TIMEOUT)
    return streams


async def phones(url: str, count: int, settings: Settings, pipe: Connection) -> Result:
    base = url.split("/J/")[0].lower()
    link = url.replace("HTTP://", "http://")
    result = Result(expected=settings.ideas * count)
    started = time.monotonic()
    first = httpx.AsyncClient(base_url=base, follow_redirects=True)
    for path in (link, "/static/room.js", "/static/room.css", "/api/texts", "/api/view"):
        (await first.get(path)).raise_for_status()
    result.first_load = time.monotonic() - started
    await first.aclose()

    crowd = [Phone(base) for _ in range(count)]
    streams = await join_and_follow(crowd, link)
    await asyncio.to_thread(pipe.send, "connected")
    await asyncio.to_thread(pipe.recv)

    targets = []
    for n in range(settings.ideas):
        sent = time.monotonic()
        answer = await crowd[0].post("/api/ideas", {"text": f"Idea {n} for the square"})
        answer.raise_for_status()
        seq = int(answer.json()["seq"])
        targets.extend(answer.json()["made"])
        deadline = time.monotonic() + DELIVERY_WAIT
        while time.monotonic() < deadline and not all(seq in p.seen for p in crowd):
            await asyncio.sleep(0.005)
        result.fanout.extend(p.seen[seq] - sent for p in crowd if seq in p.seen)
        await asyncio.sleep(IDEA_EVERY)

    if settings.vote_seconds:
        await asyncio.to_thread(pipe.send, "converge")
        await asyncio.to_thread(pipe.recv)
        await asyncio.sleep(0.5)  # the phones have the new movement

        async def vote(n: int, phone: Phone) -> None:
            await asyncio.sleep(n * settings.vote_seconds / count)
            sent = time.monotonic()
            try:
                target = targets[n % len(targets)]
                answer = await phone.post("/api/vote", {"target_id": target, "delta": 1})
            except httpx.HTTPError:
                result.failures += 1
                return
            if answer.status_code == 200:
                result.votes.append(time.monotonic() - sent)
            else:
                result.failures += 1

        burst = asyncio.gather(*(vote(n, p) for n, p in enumerate(crowd)))
        await asyncio.wait_for(burst, PHASE_TIMEOUT)
    for stream in streams:
        stream.cancel()
    await asyncio.gather(*streams, return_exceptions=True)
    result.views_failed = sum(p.views_failed for p in crowd)
    await asyncio.gather(*(p.close() for p in crowd))
    return result


def phones_process(pipe: Connection) -> None:
    """Started before the app (a process cannot be spawned from inside a headless Textual app,
    whose standard streams are not real files); told the URL, then runs the phones."""
    more_files()
    url, count, settings = pipe.recv()
    try:
        result: Result | str = asyncio.run(phones(url, count, settings, pipe))
    except Exception as error:  # the parent says what stopped the phones
        result = f"{type(error).__name__}: {error}"
    pipe.send(result)


@dataclass
class Crowd:
    """The phones' process, started and waiting for a URL."""

    pipe: Connection
    process: multiprocessing.process.BaseProcess


def crowd(script: Callable[[Connection], None] = phones_process) -> Crowd:
    """The phones' process, running `script` (bench/projector.py runs its own)."""
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    process = context.Process(target=script, args=(theirs,))
    process.start()
    return Crowd(ours, process)


# ── the app, and the bare app ───────────────────────────────────────────────────────────────────


def rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


HELD = 0.020  # seconds: a callback that holds the loop this long shows in the lag's p99


class LoopHolds:
    """What held the app's loop: every callback that ran HELD or longer, by what it ran (a
    task's coroutine, with the class it belongs to, or the callback's name). The lag says how
    late the loop was; this says who kept it (it found the run screen's redraws, one per vote)."""

    def __init__(self) -> None:
        self.held: dict[str, list[float]] = {}
        self._run = asyncio.events.Handle._run

    def __enter__(self) -> "LoopHolds":
        timed, held = self._run, self.held

        def run(handle: asyncio.events.Handle) -> None:
            started = time.perf_counter()
            timed(handle)
            took = time.perf_counter() - started
            if took >= HELD:
                held.setdefault(what_ran(handle), []).append(took)

        asyncio.events.Handle._run = run  # type: ignore[method-assign]
        return self

    def __exit__(self, *_: object) -> None:
        asyncio.events.Handle._run = self._run  # type: ignore[method-assign]


def what_ran(handle: asyncio.events.Handle) -> str:
    callback = handle._callback  # type: ignore[attr-defined]
    task = getattr(callback, "__self__", None)
    if not isinstance(task, asyncio.Task):
        return str(getattr(callback, "__qualname__", callback))
    coro = task.get_coro()
    name = str(getattr(coro, "__qualname__", coro))
    frame = getattr(coro, "cr_frame", None)
    owner = frame.f_locals.get("self") if frame is not None else None
    timer_of = getattr(owner, "_callback", None)  # a Textual Timer: what it calls
    if timer_of is not None:
        return f"{name} ({getattr(timer_of, '__qualname__', timer_of)})"
    return f"{name} ({type(owner).__name__})" if owner is not None else name


async def probe_lag(stop: asyncio.Event, lags: list[float]) -> None:
    while not stop.is_set():
        started = time.perf_counter()
        await asyncio.sleep(LAG_INTERVAL)
        lags.append(time.perf_counter() - started - LAG_INTERVAL)


async def drive(phones: Crowd, url: str, count: int, settings: Settings, converge: Any) -> Result:
    """Run the phones against `url`, doing what they ask for on this loop."""
    ours, process = phones.pipe, phones.process
    lags: list[float] = []
    stop = asyncio.Event()
    probe = asyncio.create_task(probe_lag(stop, lags))
    holds = LoopHolds()
    before = rss_kb()
    ours.send((url, count, settings))
    per_phone = 0.0
    try:
        with holds:
            while True:
                # A phase of the phones may take PHASE_TIMEOUT for joining and as long for streams.
                if not await asyncio.to_thread(ours.poll, 3 * PHASE_TIMEOUT):
                    raise RuntimeError("the phones stopped answering")
                said = ours.recv()
                if isinstance(said, str) and said not in ("connected", "converge"):
                    raise RuntimeError(f"the phones stopped: {said}")
                if said == "connected":
                    per_phone = (rss_kb() - before) / count
                    ours.send("go")
                elif said == "converge":
                    converge()
                    ours.send("go")
                else:
                    result: Result = said
                    break
    finally:
        stop.set()
        await probe
        process.join(10)
        if process.is_alive():
            process.kill()
    result.lags, result.per_phone_kb, result.held = lags, per_phone, holds.held
    return result


@contextlib.asynccontextmanager
async def room_open(data: Path) -> AsyncIterator[tuple[WyberApp, Any, OpenRoom]]:
    """The app headless, the shipped plan started at once, its room open on loopback."""
    app = WyberApp(data, "en", launch=Launch(plan=load_plan(PLAN), run_now=True))
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await until(pilot, lambda: isinstance(app.screen, RunScreen), "the run screen")
        opened = app.open_room("127.0.0.1", 0)
        await until(pilot, lambda: opened.server.started, "the room's server")
        yield app, pilot, opened
        await app.close_room()
        app.leave_meeting()


async def run_wyber(phones: Crowd, data: Path, count: int, settings: Settings) -> Result:
    async with room_open(data) as (app, _, opened):
        meeting = app.meeting
        assert meeting is not None
        converge = lambda: meeting.execute(NextMovement())  # noqa: E731
        return await drive(phones, opened.url, count, settings, converge)


def bare_app() -> Starlette:
    """The same shapes of route with nothing behind them: a counter for the seq."""
    queues: set[asyncio.Queue[bytes]] = set()
    seq = [0]

    def send() -> int:
        seq[0] += 1
        chunk = f"id: {seq[0]}\nevent: change\ndata: {{}}\n\n".encode()
        for queue in queues:
            queue.put_nowait(chunk)
        return seq[0]

    async def link(request: Request) -> Response:
        response = RedirectResponse("/p", status_code=303)
        response.set_cookie("wyber_device", "x", httponly=True, samesite="strict")
        return response

    async def page(request: Request) -> Response:
        return Response("ok")

    async def ok(request: Request) -> Response:
        await request.body()
        return JSONResponse({"ok": True, "made": ["i1"], "seq": seq[0]})

    async def idea(request: Request) -> Response:
        await request.body()
        return JSONResponse({"ok": True, "made": [f"i{seq[0] + 1}"], "seq": send()})

    async def stream(request: Request) -> Response:
        queue: asyncio.Queue[bytes] = asyncio.Queue()

        async def messages() -> Any:
            queues.add(queue)
            try:
                yield b"retry: 2000\n\n"
                while True:
                    yield await queue.get()
            finally:
                queues.discard(queue)

        return StreamingResponse(messages(), media_type="text/event-stream")

    routes = [
        Route("/J/{secret}", link),
        Route("/p", page),
        Route("/static/{name}", page),
        Route("/api/texts", page),
        Route("/api/view", page),
        Route("/api/join", ok, methods=["POST"]),
        Route("/api/vote", ok, methods=["POST"]),
        Route("/api/ideas", idea, methods=["POST"]),
        Route("/api/stream", stream),
    ]
    return Starlette(routes=routes)


async def run_bare(phones: Crowd, count: int, settings: Settings) -> Result:
    server = RoomServer(bare_app(), "127.0.0.1", 0)
    server.start()
    while not server.started:
        await asyncio.sleep(0.01)
    url = f"HTTP://127.0.0.1:{server.port}/J/BARE"
    result = await drive(phones, url, count, settings, lambda: None)
    await server.stop()
    return result


def page_size() -> int:
    """Bytes a phone downloads first, gzipped: the page, its script and style, and its texts."""
    files = [STATIC / "phone.html", STATIC / "room.js", STATIC / "room.css"]
    texts = json.dumps({"lang": "nl", "texts": phone_texts("nl")}).encode()
    return sum(len(gzip.compress(f.read_bytes())) for f in files) + len(gzip.compress(texts))


def row(label: str, figures: Stats) -> str:
    return (
        f"{label:<34} {figures.n:>7,} {figures.p50:>8.1f} {figures.p95:>8.1f}"
        f" {figures.p99:>8.1f} {figures.max:>8.1f}"
    )


def run(settings: Settings) -> None:
    print(machine("starlette", "uvicorn", "httptools", "httpx", "textual"))
    more_files()
    n = settings.phones
    with scratch("room") as data:
        wyber = asyncio.run(run_wyber(crowd(), data, n, settings))
    bare = asyncio.run(run_bare(crowd(), n, settings))

    print(f"\n{n} phones on loopback; {settings.ideas} ideas fanned out to every live stream;")
    print(f"a burst of {n} votes over {settings.vote_seconds:.0f} s\n")
    columns = f"{'':<34} {'n':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}"
    print_header(columns, "", 0)
    print(row("idea → every phone, wyber", stats(wyber.fanout)))
    print(row("idea → every phone, bare Starlette", stats(bare.fanout)))
    print(row("vote answered (durable), wyber", stats(wyber.votes)))
    print(row("vote answered, bare Starlette", stats(bare.votes)))
    print(row("app's loop lag, wyber", stats(wyber.lags)))
    print(row("loop lag, bare Starlette", stats(bare.lags)))
    print(f"\nwhat held the app's loop {HELD * 1e3:.0f} ms or longer (wyber):")
    for what, took in sorted(wyber.held.items(), key=lambda kv: -sum(kv[1]))[:6]:
        print(f"  {len(took):>5} × max {max(took) * 1e3:>5.0f} ms  {what}")
    delivery = len(wyber.fanout) / wyber.expected * 100
    print(f"\ndelivery: {len(wyber.fanout):,} of {wyber.expected:,} ({delivery:.1f}%)")
    print(f"memory per connected phone: {wyber.per_phone_kb:.0f} KB (app process, joined, live)")
    print(f"views not answered: {wyber.views_failed} (wyber), {bare.views_failed} (bare)")
    size = page_size()
    print(f"phone page gzipped: {size / 1024:.1f} KB; first load {wyber.first_load * 1e3:.0f} ms")
    print()
    p99, floor = stats(wyber.fanout).p99, stats(bare.fanout).p99
    print_goal(p99 <= 1.5 * floor, f"fan-out p99 {p99:.1f} ms vs bare {floor:.1f} ms (≤ 1.5×)")
    print_goal(p99 <= 50, f"fan-out p99 {p99:.1f} ms (goal ≤ 50)")
    vote_p99 = stats(wyber.votes).p99 if wyber.votes else float("inf")
    print_goal(wyber.failures == 0, f"vote failures: {wyber.failures} (goal 0)")
    print_goal(vote_p99 <= 100, f"vote answer p99 {vote_p99:.1f} ms (goal ≤ 100)")
    print_goal(delivery == 100, f"delivery {delivery:.1f}% (goal 100%)")
    lag = stats(wyber.lags).p99
    print_goal(lag <= 50, f"app's loop lag p99 {lag:.1f} ms (goal ≤ 50)")
    print_goal(size <= 30 * 1024, f"phone page {size / 1024:.1f} KB gzipped (goal ≤ 30)")
    if settings.stretch:
        sys.stdout.flush()
        stretch_run(settings)


def stretch_run(settings: Settings) -> None:
    """The stretch: more phones, fan-out and delivery only; reported, no goal."""
    many = settings.stretch
    few = Settings(many, max(3, settings.ideas // 4), 0, 0)
    try:
        with scratch("room-stretch") as data:
            wyber = asyncio.run(run_wyber(crowd(), data, many, few))
        bare = asyncio.run(run_bare(crowd(), many, few))
    except RuntimeError as error:
        print(f"\nstretch run with {many:,} phones did not finish: {error}")
        return
    print(f"\nstretch: {many:,} phones, {few.ideas} ideas\n")
    print(row(f"idea → {many:,} phones, wyber", stats(wyber.fanout)))
    print(row(f"idea → {many:,} phones, bare", stats(bare.fanout)))
    got = len(wyber.fanout) / wyber.expected * 100
    print(f"delivery: {len(wyber.fanout):,} of {wyber.expected:,} ({got:.1f}%)")
    print(f"memory per connected phone: {wyber.per_phone_kb:.0f} KB")


if __name__ == "__main__":
    sys.exit(bench_main(run, FULL, QUICK, doc=__doc__, fewer="phones", caveat=QUICK_CAVEAT))
