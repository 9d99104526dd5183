"""Who may come in: the QR's secret, the short code, the device cookie, and the guess limit.

The secret in the QR's URL is 100 bits (20 Crockford base32 characters, uppercase, so the URL
encodes as a QR code's alphanumeric mode: a smaller code, easier to scan from the back of a hall).
The short code is 8 digits (about 27 bits): at 100 guesses a second for 3 hours that is found
with about 1% probability, so it works only while joining is open and every address gets a few
guesses a minute. A device's cookie is 128 random bits.
"""

import hmac
import secrets
import time
from collections import deque
from collections.abc import Callable

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
SECRET_CHARS = 20  # 5 bits each: 100 bits
CODE_DIGITS = 8
COOKIE = "wyber_device"


def new_secret() -> str:
    return "".join(secrets.choice(CROCKFORD) for _ in range(SECRET_CHARS))


def new_code() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))


def new_device_token() -> str:
    return secrets.token_urlsafe(16)


def same(given: str, expected: str) -> bool:
    """Compared in constant time, so the answer's timing tells nothing about the secret."""
    return hmac.compare_digest(given.encode(), expected.encode())


class GuessLimit:
    """At most `per_minute` guesses of the short code per client address in any minute."""

    def __init__(self, per_minute: int = 5, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._guesses: dict[str, deque[float]] = {}

    def allow(self, client: str) -> bool:
        now = self._clock()
        guesses = self._guesses.setdefault(client, deque())
        while guesses and guesses[0] <= now - 60:
            guesses.popleft()
        if len(guesses) >= self.per_minute:
            return False
        guesses.append(now)
        return True
