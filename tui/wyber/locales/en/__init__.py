"""English messages, one module per area of the app; keys and {placeholders} match nl/ (a test checks).

Each area module holds a MESSAGES dict whose keys start with the area's prefix; they are merged
here, and a test asserts that no key is defined in two areas.
"""

from tui.wyber.locales.en import (
    archive,
    command,
    common,
    consent,
    converge2,
    core,
    dates,
    design,
    door,
    durable,
    ending,
    history,
    home,
    input,
    minutes,
    nav,
    prepare,
    replay,
    room,
    run,
    series,
    traject,
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
    durable,
    nav,
    archive,
    consent,
    design,
    traject,
    room,
    converge2,
)
MESSAGES: dict[str, str] = {key: text for area in AREAS for key, text in area.MESSAGES.items()}
