"""Widgets of the run screen: the big clock, the agenda rail, the diamond and the boards."""
