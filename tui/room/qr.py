"""The QR code of the room's URL, for the terminal: black on white with a quiet zone, whatever
the theme, two modules per character cell (half blocks), so it fits at 80×24.

The URL is written in uppercase (scheme, host, path and secret: access.py's secret is uppercase
and the server answers /J/ as /j/), so it encodes in alphanumeric mode: for a LAN URL that is a
version-3 code (29×29 modules), 33 characters wide and 17 rows high with its 2-module quiet zone.
"""

import segno

QUIET = 2  # modules; scanners in practice read 2 on a white terminal background


def qr_url(host: str, port: int, secret: str) -> str:
    return f"HTTP://{host}:{port}/J/{secret}".upper()


def matrix(url: str) -> list[list[bool]]:
    """The code's modules, dark = True, with the quiet zone around them."""
    code = segno.make(url, error="m", micro=False)
    return [[bool(module) for module in row] for row in code.matrix_iter(border=QUIET)]


def half_blocks(url: str) -> list[str]:
    """Rows of text, each cell two modules high: █ both dark, ▀ top dark, ▄ bottom dark, space
    neither; shown dark-on-light (black on white)."""
    rows = matrix(url)
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    cells = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}
    return [
        "".join(cells[top, bottom] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(rows[::2], rows[1::2], strict=True)
    ]
