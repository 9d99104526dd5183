"""English messages, one module per area of the app; keys and {placeholders} match nl/ (a test checks).

Each area module holds a MESSAGES dict whose keys start with the area's prefix; they are merged
here, and a test asserts that no key is defined in two areas.
"""

from tui.wyber.locales.en import (
    command,
    common,
    core,
    dates,
    door,
    ending,
    history,
    home,
    input,
    minutes,
    prepare,
    replay,
    room,
    run,
    series,
)

AREAS = (
    core,
    common,
    dates,
    home,
    prepare,
    run,
    ending,
    minutes,
    history,
    replay,
    series,
    input,
    command,
    door,
    room,
)
MESSAGES: dict[str, str] = {key: text for area in AREAS for key, text in area.MESSAGES.items()}
