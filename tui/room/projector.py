"""The projector: the room's view of the meeting, for the second screen, at its own secret URL.

Served by the room's server (room_app's `extra` routes), under /v/<secret>, where <secret> is
100 bits of its own (access.py's kind), not the join secret: the projector's URL lets nobody join,
and the join URL shows nobody the projector. It follows the meeting over the phones' live stream
(stream.py), here on the server: after each message it sends the page its whole view
(projector_view.py) as an `event: view`, so the page shows a change without a request of its own
in between: a round trip fewer through the app's loop, which after F8 is busy redrawing the run
screen (see bench/projector.py). Votes while the results are hidden send nothing (they change
nothing shown). Nothing under /v/ takes a request that changes anything, and the page holds no
control.

    GET /v/<secret>          the page (static/projector.html)
    GET /v/<secret>/stream   Server-Sent Events: `id: <journal seq>`, `event: view`, `data: <view>`,
                             one at once, after every change, and in place of every keep-alive
                             (stream.KEEP_ALIVE: a fresh clock); a view is whole, so a reconnect
                             needs no Last-Event-ID
    GET /v/<secret>/view     what it shows now, as JSON (the same view)
    GET /v/<secret>/texts    its words in a language (?lang=nl|en): the catalog's projector.page.*
    GET /v/<secret>/qr.svg   the QR code of the join URL, while joining is open

A wrong secret is a 404, as for any unknown address: it tells a guesser nothing.
"""

import io
import json
from collections.abc import AsyncIterator, Callable
from functools import cache
from typing import TYPE_CHECKING, Any

import segno
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from tui.room.access import new_secret, same
from tui.room.projector_view import projector_view
from tui.room.server import STATIC
from tui.room.stream import HEADERS as STREAM_HEADERS
from tui.room.stream import message
from tui.wyber.goaround import GoAround
from tui.wyber.i18n import CATALOGS, Language, parse_language

if TYPE_CHECKING:
    from tui.room.opened import OpenRoom

PAGE_PREFIX = "projector.page."
QR_BORDER = 4  # modules: the standard quiet zone, for a scanner at the back of a hall
NO_STORE = {"Cache-Control": "no-store"}
UNSEEN = {"vote_cast", "score_given"}  # the kinds whose figures are shown only once revealed
Turn = tuple[int, int] | None  # which go-around and whose turn: a change is told to the stream


@cache
def page_texts(lang: Language) -> dict[str, str]:
    return {k: v for k, v in CATALOGS[lang].items() if k.startswith(PAGE_PREFIX)}


class Projector:
    """The projector of one open room."""

    def __init__(self) -> None:
        self.secret = new_secret()
        self.opened: OpenRoom | None = None  # set once the room's server is made
        # The go-around on the run screen's idea board, if one is on (it is never recorded).
        self.go_around: Callable[[], GoAround | None] = lambda: None
        self._turn: Turn = None

    @property
    def url(self) -> str:
        assert self.opened is not None
        return f"http://{self.opened.host}:{self.opened.server.port}/v/{self.secret}"

    def notice_turn(self) -> None:
        """Tell the stream when the go-around's turn changed (no record says so): the projector
        shows the new speaker, and a phone its "your turn". Called on the run screen's tick."""
        turn = self.go_around()
        now: Turn = None if turn is None else (id(turn), turn.index)
        if now != self._turn:
            self._turn = now
            if self.opened is not None:
                self.opened.room.changed()

    def routes(self) -> list[BaseRoute]:
        return [
            Route("/v/{secret}", self._guarded(self.page)),
            Route("/v/{secret}/view", self._guarded(self.view)),
            Route("/v/{secret}/stream", self._guarded(self.follow)),
            Route("/v/{secret}/texts", self._guarded(self.texts)),
            Route("/v/{secret}/qr.svg", self._guarded(self.qr)),
        ]

    def _guarded(self, endpoint: Callable[[Request, "OpenRoom"], Any]) -> Callable[[Request], Any]:
        async def guarded(request: Request) -> Response:
            opened = self.opened
            if not same(request.path_params["secret"], self.secret) or opened is None:
                return Response(status_code=404)
            if opened.room.closed:
                return Response(status_code=410)
            response: Response = await endpoint(request, opened)
            return response

        return guarded

    async def page(self, request: Request, opened: "OpenRoom") -> Response:
        return FileResponse(STATIC / "projector.html", headers=NO_STORE)

    async def view(self, request: Request, opened: "OpenRoom") -> Response:
        return JSONResponse(self._view(opened), headers=NO_STORE)

    async def follow(self, request: Request, opened: "OpenRoom") -> Response:
        return StreamingResponse(
            self._views(opened), media_type="text/event-stream", headers=STREAM_HEADERS
        )

    def _view(self, opened: "OpenRoom") -> dict[str, object]:
        room = opened.room
        joining = {"address": opened.address, "code": room.code, "qr": "qr.svg"}
        return projector_view(room, joining, self.go_around())

    async def _views(self, opened: "OpenRoom") -> AsyncIterator[bytes]:
        """A view now, then one after each change it shows, and a fresh one instead of each
        keep-alive, until the room closes. Made in this generator as each message comes: a task
        in between (to send a burst as one view) cost a turn of the loop, which after F8 is a
        long one (the run screen redraws)."""
        room = opened.room
        yield b"retry: 2000\n\n"
        seq = room.last_seq()
        yield message("view", seq, self._view(opened))
        async for chunk in room.stream.follow(str(seq)):
            if chunk.startswith(b"retry:"):
                continue
            if b"\nevent: closed\n" in chunk:
                return  # the room closed (stream.py): there is nothing more to show
            if chunk.startswith(b"id: ") and _unseen(chunk) and not room.here(room.revealed):
                continue  # votes while the results are hidden change nothing shown
            yield message("view", room.last_seq(), self._view(opened))  # or a keep-alive's

    async def texts(self, request: Request, opened: "OpenRoom") -> Response:
        lang = parse_language(request.query_params.get("lang")) or opened.room.live.state.language
        return JSONResponse({"lang": lang, "texts": page_texts(lang)})

    async def qr(self, request: Request, opened: "OpenRoom") -> Response:
        if not opened.room.joining_open:
            return Response(status_code=404)
        return Response(qr_svg(opened.url), media_type="image/svg+xml", headers=NO_STORE)


def _unseen(chunk: bytes) -> bool:
    """A change made only of votes and scores (what the projector shows only once revealed)."""
    data = json.loads(chunk.split(b"data: ", 1)[1]) if b"data: " in chunk else {}
    kinds: list[str] = data.get("kinds") or []
    return bool(kinds) and set(kinds) <= UNSEEN


def qr_svg(url: str) -> bytes:
    """The join URL's QR code, black on white with the standard quiet zone; it scales to fit."""
    out = io.BytesIO()
    code = segno.make(url, error="m", micro=False)
    code.save(
        out, kind="svg", border=QR_BORDER, dark="#000", light="#fff", xmldecl=False, omitsize=True
    )
    return out.getvalue()
