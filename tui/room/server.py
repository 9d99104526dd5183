"""The room's web server: Starlette on uvicorn (httptools), embedded in the app's event loop.

`room_routes(room)` are the participant's routes; `RoomServer` serves them (and any other route
set, such as the projector's, tui/room/projector.py) on one socket. The server installs no
signal handlers (the app owns SIGINT/SIGTERM: uvicorn's `capture_signals` would re-raise a
captured one after it stops), logs nothing of its own to the terminal, and stops within
STOP_SECONDS: the live streams never end by themselves, so they are ended first.

What guards every request (see access.py for the secrets):
- a state-changing request must come from the room's own page: its `Origin` is this host, else
  403 (Starlette has no CSRF protection of its own); its body is at most MAX_BODY bytes, else 413;
- a contribution is answered only once its records are durable; a retry with the same
  `Idempotency-Key` gets the first answer and never counts twice;
- every response carries a Content-Security-Policy of 'self' and no referrer (the secret is in
  the URL); everything served comes from the package, so the page works with no internet.

The live stream (GET /api/stream) is answered before Starlette's routing and middleware, straight
on the server's `send` (stream.py's `serve`, with the same headers): a message to 300 phones is
300 writes, and each went through four wrappers more (and a task of asyncio.wait_for's) before.
"""

import asyncio
import contextlib
import json
import logging
import socket
from collections.abc import Awaitable, Callable, Generator, Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    JSONResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tui.room.access import COOKIE
from tui.room.room import Answer, Denied, Room
from tui.room.stream import HEADERS as STREAM_HEADERS
from tui.room.texts import phone_language, phone_texts
from tui.room.view import view
from tui.wyber.events import ConsentAnswer
from tui.wyber.i18n import Language, parse_language

MAX_BODY = 8192  # bytes: an idea is at most a few hundred characters
STOP_SECONDS = 2.0
STATIC = Path(str(files("tui.room") / "static"))
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
STREAM_PATH = "/api/stream"
STREAM_START = [
    (b"content-type", b"text/event-stream; charset=utf-8"),
    *((name.lower().encode(), value.encode()) for name, value in STREAM_HEADERS.items()),
    *SECURITY_HEADERS,
]
REPLIES_KEPT = 200  # per device: the answers a retry may still ask for
DURABLE_SECONDS = 10.0  # a phone's answer waits this long for the disk, then says "not saved"
ANSWERS = frozenset(answer.value for answer in ConsentAnswer)
Reply = tuple[int, dict[str, object], int]  # status, body, the seq that must be durable first

logging.getLogger("uvicorn").addHandler(logging.NullHandler())  # never Python's last resort


class Refuse(Exception):
    def __init__(self, status: int, key: str) -> None:
        super().__init__(key)
        self.status = status
        self.key = key


def secured(app: ASGIApp) -> ASGIApp:
    """Every response with the security headers."""

    async def guarded(scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await app(scope, receive, with_headers if scope["type"] == "http" else send)

    return guarded


def language(request: Request) -> Language:
    chosen = parse_language(request.headers.get("x-lang"))
    return chosen or phone_language(request.headers.get("accept-language", ""))


async def read_body(request: Request) -> dict[str, Any]:
    """The request's JSON object, once it is known to come from the room's page and is small."""
    origin = request.headers.get("origin")
    if origin != f"http://{request.headers.get('host', '')}":
        raise Refuse(403, "room.phone.denied.origin")
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
        raise Refuse(413, "room.phone.denied.too_large")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise Refuse(413, "room.phone.denied.too_large")
    try:
        data = json.loads(body or b"{}")
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise Refuse(400, "room.phone.denied.bad_request")
    return data


def text(data: dict[str, Any], name: str) -> str:
    value = data.get(name, "")
    if not isinstance(value, str):
        raise Refuse(400, "room.phone.denied.bad_request")
    return value


def refusal(status: int, key: str, lang: Language) -> JSONResponse:
    return JSONResponse({"error": phone_texts(lang)[key]}, status_code=status)


Act = Callable[[str | None, dict[str, Any]], Answer]


class RoomRoutes:
    """The participant's side of the room, over HTTP."""

    def __init__(self, room: Room) -> None:
        self.room = room
        self._replies: dict[str, dict[str, Reply]] = {}

    def routes(self) -> list[BaseRoute]:
        post = ["POST"]
        return [
            Route("/", self.code_page),
            Route("/j/{secret}", self.join_link),
            Route("/J/{secret}", self.join_link),  # the QR's uppercase URL (qr.py)
            Route("/p", self.phone_page),
            Route("/api/code", self.code, methods=post),
            Route("/api/texts", self.texts),
            Route("/api/view", self.view),
            Route("/api/join", self.join, methods=post),
            Route("/api/match", self.match, methods=post),
            Route("/api/ideas", self.act(self._add_idea), methods=post),
            Route("/api/ideas/{idea_id}/edit", self.act(self._edit_idea), methods=post),
            Route("/api/ideas/{idea_id}/withdraw", self.act(self._withdraw), methods=post),
            Route("/api/vote", self.act(self._vote), methods=post),
            Route("/api/score", self.act(self._score), methods=post),
            Route("/api/consent", self.act(self._consent), methods=post),
            Route("/api/done", self.act(self._done), methods=post),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ]

    # ── coming in ───────────────────────────────────────────────────────────────────────────

    def _admitted(self, response: Response, token: str) -> Response:
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/")
        return response

    async def code_page(self, request: Request) -> Response:
        return FileResponse(STATIC / "code.html")

    async def join_link(self, request: Request) -> Response:
        known = self.room.devices.get(request.cookies.get(COOKIE, ""))
        if known is not None and not self.room.closed:
            return RedirectResponse("/p", status_code=303)
        try:
            device = self.room.admit_secret(request.path_params["secret"])
        except Denied:
            return FileResponse(STATIC / "code.html", status_code=403)
        return self._admitted(RedirectResponse("/p", status_code=303), device.token)

    async def code(self, request: Request) -> Response:
        lang = language(request)
        try:
            data = await read_body(request)
            client = request.client.host if request.client else ""
            device = self.room.admit_code(text(data, "code"), client)
        except Refuse as refused:
            return refusal(refused.status, refused.key, lang)
        except Denied as denied:
            status = 429 if denied.key == "room.phone.denied.guesses" else 403
            return refusal(status, denied.key, lang)
        return self._admitted(JSONResponse({"ok": True}), device.token)

    async def phone_page(self, request: Request) -> Response:
        if request.cookies.get(COOKIE, "") not in self.room.devices:
            return FileResponse(STATIC / "code.html", status_code=403)
        return FileResponse(STATIC / "phone.html")

    async def texts(self, request: Request) -> Response:
        lang = parse_language(request.query_params.get("lang")) or language(request)
        return JSONResponse({"lang": lang, "texts": phone_texts(lang)})

    # ── following the meeting ───────────────────────────────────────────────────────────────

    async def view(self, request: Request) -> Response:
        try:
            device = self.room.device(request.cookies.get(COOKIE))
        except Denied as denied:
            return refusal(403, denied.key, language(request))
        shown = view(self.room, device, language(request))  # its figures in the phone's words
        return JSONResponse(shown, headers={"Cache-Control": "no-store"})

    async def follow(self, scope: Scope, receive: Receive, send: Send) -> None:
        """GET /api/stream: served before the app's routing and middleware (room_app), as a bare
        ASGI response with the security headers of its own; a refusal goes through `secured`."""
        request = Request(scope)
        try:
            device = self.room.device(request.cookies.get(COOKIE))
        except Denied as denied:
            refused = refusal(403, denied.key, language(request))
            await secured(refused)(scope, receive, send)
            return
        last = request.headers.get("last-event-id") or request.query_params.get("after")
        device.streams += 1
        self.room.on_change()
        try:
            await self.room.stream.serve(last, STREAM_START, receive, send)
        finally:
            device.streams -= 1
            self.room.on_change()

    # ── contributions ───────────────────────────────────────────────────────────────────────

    async def match(self, request: Request) -> Response:
        lang = language(request)
        try:
            data = await read_body(request)
            self.room.device(request.cookies.get(COOKIE))
        except Refuse as refused:
            return refusal(refused.status, refused.key, lang)
        except Denied as denied:
            return refusal(403, denied.key, lang)
        found = self.room.match(text(data, "name"))
        return JSONResponse({"id": found[0], "name": found[1]} if found else {})

    async def join(self, request: Request) -> Response:
        def joined(token: str | None, data: dict[str, Any]) -> Answer:
            chosen = data.get("participant_id")
            if chosen is not None and not isinstance(chosen, str):
                raise Refuse(400, "room.phone.denied.bad_request")
            return self.room.join(token, text(data, "name"), chosen)

        return await self.act(joined)(request)

    def act(self, act: Act) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            lang = language(request)
            try:
                data = await read_body(request)
                data.update(request.path_params)
                status, payload, seq = await self._once(request, act, data, lang)
            except Refuse as refused:
                return refusal(refused.status, refused.key, lang)
            if not await self.room.durability.wait(seq, DURABLE_SECONDS):
                return refusal(503, "room.phone.denied.not_saved", lang)
            return JSONResponse(payload, status_code=status)

        return endpoint

    async def _once(
        self, request: Request, act: Act, data: dict[str, Any], lang: Language
    ) -> Reply:
        """The answer to this request the first time it is asked; a retry gets the same one."""
        token = request.cookies.get(COOKIE)
        key = request.headers.get("idempotency-key", "")
        replies = self._replies.setdefault(token or "", {})
        if key in replies:
            return replies[key]
        try:
            answer = act(token, data)
        except Denied as denied:
            reply: Reply = (403, {"error": phone_texts(lang)[denied.key]}, 0)
        else:
            if answer.refused is not None:
                reply = (409, {"error": answer.refused.render(lang)}, 0)
            else:
                seq = self.room.last_seq()
                reply = (200, {"ok": True, "made": list(answer.made), "seq": seq}, seq)
        if key and token in self.room.devices:
            replies[key] = reply
            while len(replies) > REPLIES_KEPT:
                del replies[next(iter(replies))]
        return reply

    # ── what each contribution does ─────────────────────────────────────────────────────────

    def _add_idea(self, token: str | None, data: dict[str, Any]) -> Answer:
        return self.room.add_idea(token, text(data, "text"))

    def _edit_idea(self, token: str | None, data: dict[str, Any]) -> Answer:
        return self.room.edit_idea(token, text(data, "idea_id"), text(data, "text"))

    def _withdraw(self, token: str | None, data: dict[str, Any]) -> Answer:
        return self.room.withdraw_idea(token, text(data, "idea_id"))

    def _vote(self, token: str | None, data: dict[str, Any]) -> Answer:
        delta = data.get("delta", 1)
        if delta not in (1, -1):
            raise Refuse(400, "room.phone.denied.bad_request")
        return self.room.vote(token, text(data, "target_id"), delta)

    def _score(self, token: str | None, data: dict[str, Any]) -> Answer:
        score = data.get("score")
        if not isinstance(score, int | str) or isinstance(score, bool):
            raise Refuse(400, "room.phone.denied.bad_request")
        return self.room.score(token, text(data, "target_id"), score)

    def _consent(self, token: str | None, data: dict[str, Any]) -> Answer:
        """`answer` is "consent", "objection" or "aside"; the page's first version sent only
        `consent` (true or false), which still means consent or objection."""
        given, consent = data.get("answer"), data.get("consent")
        if isinstance(given, str) and given in ANSWERS:
            answer = ConsentAnswer(given)
        elif given is None and isinstance(consent, bool):
            answer = ConsentAnswer.CONSENT if consent else ConsentAnswer.OBJECTION
        else:
            raise Refuse(400, "room.phone.denied.bad_request")
        return self.room.consent(token, text(data, "agreement_id"), answer, text(data, "words"))

    def _done(self, token: str | None, data: dict[str, Any]) -> Answer:
        self.room.say_done(token, data.get("done") is not False)
        return Answer()


def room_app(room: Room, extra: Sequence[BaseRoute] = ()) -> ASGIApp:
    """The room's web app: the participant's routes and any others (the projector's). The live
    stream is answered first, outside the routing and middleware, which would otherwise wrap
    every message to every phone in four more calls."""
    routes = RoomRoutes(room)
    app = secured(Starlette(routes=[*routes.routes(), *extra]))

    async def served(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == STREAM_PATH and scope["method"] == "GET":
            await routes.follow(scope, receive, send)
        else:
            await app(scope, receive, send)

    return served


class _QuietServer(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield  # the app handles signals; uvicorn would re-raise a captured one afterwards


class RoomServer:
    """The web server on its own socket, run as a task on the running event loop."""

    def __init__(self, app: ASGIApp, host: str, port: int) -> None:
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind((host, port))  # OSError (port in use): the caller says so
        self.host = host
        self.port = self.socket.getsockname()[1]
        config = uvicorn.Config(
            app,
            loop="none",
            http="httptools",
            ws="none",
            lifespan="off",
            log_config=None,
            access_log=False,
            timeout_graceful_shutdown=1,
            # A phone between two taps keeps its connection: with uvicorn's 5 s, 3 of 300 votes
            # in a 10 s burst met a connection the server had just closed (bench/room.py).
            timeout_keep_alive=30,
            backlog=2048,
        )
        self._server = _QuietServer(config)
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(
            self._server.serve(sockets=[self.socket])
        )

    @property
    def started(self) -> bool:
        return self._server.started

    async def stop(self) -> None:
        """Stop within STOP_SECONDS (the room's streams must be ended first: Room.close)."""
        self._server.should_exit = True
        if self._task is not None:
            # Past the time, wait_for cancels it: the socket is closed all the same.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._task, STOP_SECONDS)
        self.socket.close()
