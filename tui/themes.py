"""The look for projection: wyber's high-contrast theme, beside Textual's built-in ones.

On a projector in a lit room, thin greys vanish; this theme keeps pure black and white with one
strong yellow for what matters (the clock, the focused line).
"""

from textual.theme import Theme

CONTRAST_THEME = Theme(
    name="wyber-contrast",
    primary="#FFD700",
    secondary="#00E5FF",
    accent="#FFD700",
    warning="#FFB000",
    error="#FF4040",
    success="#40FF40",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#202020",
    boost="#303030",
    dark=True,
    variables={
        "footer-key-foreground": "#FFD700",
        "input-selection-background": "#FFD700 40%",
        "block-cursor-background": "#FFD700",
        "block-cursor-foreground": "#000000",
    },
)

THEMES = (CONTRAST_THEME,)
