"""Composition root: CLI, session runner and partner web service."""

__version__ = "0.1.0"
