"""The headless core of wyber: plans, the event log and its fold, time boxes, the store.

Nothing in this package imports Textual or Rich; a test holds it to that.
"""
