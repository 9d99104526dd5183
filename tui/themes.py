"""The look for projection: wyber's high-contrast theme, beside Textual's built-in ones.

On a projector in a lit room, thin greys vanish; this theme keeps pure black and white with one
strong yellow for what matters (the clock, the focused line).

The clock's overrun has variables of its own, white on a strong red in every theme: a theme's
error red is made to tint text (textual-dark's #ba3c5b, a muted crimson), and as the clock's
background it washed out on a projector. White on #CC0000 has a contrast ratio of 5.9:1.
"""

from textual.theme import Theme

# Defaults for the variables wyber's CSS adds to a theme's (App.get_theme_variable_defaults).
VARIABLE_DEFAULTS = {
    "clock-over-background": "#CC0000",
    "clock-over-foreground": "#FFFFFF",
}

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
        "clock-over-background": "#E00000",  # against pure black, a brighter red still reads
    },
)

THEMES = (CONTRAST_THEME,)
