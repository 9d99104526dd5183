"""Opening a URL in a browser window on the laptop, never in the terminal the app runs in.

`webbrowser.open` may block (it waits for the browser's launcher), so it runs in a thread. On a
machine without a desktop Python's webbrowser falls back to text browsers (lynx, w3m, links)
that run in the foreground, in this very terminal, over the meeting: such a browser is not used,
and the caller shows the URL instead.
"""

import asyncio
import webbrowser


def in_the_terminal(browser: webbrowser.BaseBrowser) -> bool:
    """A browser webbrowser runs in the foreground: lynx, w3m, links, www-browser (generic
    commands) and elinks (a Unix browser without `background`). Desktop browsers run in the
    background (xdg-open, x-www-browser, Chrome, Firefox) or are the system's (macOS, Windows)."""
    if type(browser) is webbrowser.GenericBrowser:
        return True
    return isinstance(browser, webbrowser.UnixBrowser) and not browser.background


def _open_windowed(url: str) -> bool:
    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return False  # no browser at all
    if in_the_terminal(browser):
        return False
    try:
        return browser.open(url, new=1)
    except OSError:
        return False


async def open_in_browser(url: str) -> bool:
    """True once a browser window was asked to open `url`; False when none can be."""
    return await asyncio.to_thread(_open_windowed, url)
