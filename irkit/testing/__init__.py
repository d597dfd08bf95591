"""Helpers for testing irkit and its plug-ins."""
