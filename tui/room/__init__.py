"""The room: participants join the meeting from their own phones, served from the laptop.

`Room` (room.py) is what the room knows besides the journal: who joined from which device, whether
joining is open, which movements are anonymous or revealed, who is done. `server.py` serves it
(Starlette on uvicorn, embedded in the app's own event loop); `stream.py` is the live stream the
phones (and the projector) follow. Every contribution is the same command a typed one is, made
through the meeting's one door with the participant as its actor.
"""
