"""Dialogs and the base of every screen: below the screens, so widgets can ask a question
without importing a screen (tests/test_layers.py holds that)."""
